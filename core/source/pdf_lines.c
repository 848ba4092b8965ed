/* A PDF's lines back into paragraphs (pdf_lines.h). */
#include "pdf_lines.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/uchar.h"

/* In character widths: how far short of the right margin a line may end
 * and still be full; how far in a line may start and still be at the
 * left margin; in line heights: the gap above a line that parts it from
 * the one before. */
#define FULL_LINE_SLACK 1.5
#define INDENT_MIN 0.9
#define PARAGRAPH_GAP 1.2

/* Characters set in CJK type: ideographs, CJK punctuation, full-width
 * forms, and the curly quotes and dashes Chinese text uses. */
static int is_wide(int32_t cp)
{
    return es_is_han(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 || cp == 0x2014 ||
           cp == 0x2026 || cp == 0x00B7;
}

static int is_ascii_mark(int32_t cp)
{
    return cp > 0x20 && cp < 0x7F;
}

/* PDF text extraction guesses spaces from gaps, and Chinese typesetting
 * leaves a gap between ideographs and Latin letters or digits (印发 2021
 * 年) where the text has none, and between ideographs where a justified
 * line is spread (资 助 学 生): a single space between a wide character and
 * an ASCII or wide one is dropped. Blanks at both ends go too. */
static char *clean_line(const char *s, size_t n, size_t *out_len)
{
    es_buf out = {0};
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    while (i < n) {
        if (s[i] == ' ' && out.len > 0 && i + 1 < n && s[i + 1] != ' ') {
            int32_t before = es_u8_cp(out.data + es_u8_prev(out.data, 0, out.len));
            int32_t after = es_u8_cp(s + i + 1);
            if ((is_wide(before) && (is_ascii_mark(after) || is_wide(after))) ||
                (is_ascii_mark(before) && is_wide(after))) {
                i++;
                continue;
            }
        }
        size_t len = es_u8_len(s + i);
        if (len > n - i)
            len = n - i;
        es_buf_append(&out, s + i, len);
        i += len;
    }
    return es_buf_take(&out, out_len);
}

void pdf_page_add(pdf_page *p, char *text, size_t len, double x0, double x1, double y0, double y1)
{
    size_t clean_len;
    char *clean = clean_line(text, len, &clean_len);
    free(text);
    if (clean_len == 0) {
        free(clean);
        return;
    }
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->lines = es_xrealloc(p->lines, p->cap * sizeof *p->lines);
    }
    p->lines[p->n++] = (pdf_line){clean, clean_len, x0, x1, y0, y1};
}

void pdf_page_free(pdf_page *p)
{
    for (size_t k = 0; k < p->n; k++)
        free(p->lines[k].text);
    free(p->lines);
    memset(p, 0, sizeof *p);
}

int pdf_page_has_text(const pdf_page *p)
{
    return p->n > 0;
}

/* --- page numbers --------------------------------------------------------- */

static int is_dash(int32_t cp)
{
    return cp == '-' || cp == '~' || cp == 0x2014 || cp == 0x2013 || cp == 0x2010 || cp == 0xFF0D ||
           cp == 0x2212 || cp == 0x2015 || cp == 0x2500;
}

/* "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 12 页", "3 / 12", "Page 3". */
static int is_page_number(const char *s, size_t n)
{
    es_buf b = {0};
    for (size_t i = 0; i < n; i += es_u8_len(s + i)) {
        size_t w = es_blank_len(s + i, n - i);
        if (w == 0 && !is_dash(es_u8_cp(s + i)))
            es_buf_append(&b, s + i, es_u8_len(s + i));
    }
    const char *t = b.data ? b.data : "";
    if (strncmp(t, "Page", 4) == 0 || strncmp(t, "page", 4) == 0)
        t += 4;
    const char *p = t;
    int ok = 0;
    if (strncmp(p, "第", 3) == 0) {
        p += 3;
        size_t d = strspn(p, "0123456789");
        p += d;
        ok = d > 0 && strncmp(p, "页", 3) == 0;
        p += ok ? 3 : 0;
        if (ok && strncmp(p, "共", 3) == 0) {
            p += 3;
            d = strspn(p, "0123456789");
            p += d;
            ok = d > 0 && strcmp(p, "页") == 0;
        } else {
            ok = ok && *p == '\0';
        }
    } else {
        size_t d = strspn(p, "0123456789");
        p += d;
        if (d > 0 && *p == '/') {
            p++;
            size_t d2 = strspn(p, "0123456789");
            p += d2;
            ok = d2 > 0 && *p == '\0';
        } else {
            ok = d > 0 && d <= 4 && *p == '\0';
        }
    }
    es_buf_free(&b);
    return ok;
}

/* --- geometry --------------------------------------------------------------- */

typedef struct geometry {
    int known;
    double left, right, em;
    size_t first, last;   /* lines [first, last) are the page's text */
} geometry;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The page's text lines [first, last): without its page number at the
 * top or bottom. */
static void page_body(const pdf_page *p, size_t *first, size_t *last)
{
    *first = 0;
    *last = p->n;
    if (*last > *first && is_page_number(p->lines[*last - 1].text, p->lines[*last - 1].len))
        (*last)--;
    if (*last > *first && is_page_number(p->lines[*first].text, p->lines[*first].len))
        (*first)++;
}

static void measure(const pdf_page *p, size_t first, size_t last, geometry *g)
{
    memset(g, 0, sizeof *g);
    g->first = first;
    g->last = last;
    size_t n = g->last - g->first;
    if (n == 0)
        return;
    double *ends = es_xmalloc(n * sizeof *ends);
    double *heights = es_xmalloc(n * sizeof *heights);
    g->left = p->lines[g->first].x0;
    for (size_t k = 0; k < n; k++) {
        const pdf_line *l = &p->lines[g->first + k];
        ends[k] = l->x1;
        heights[k] = l->y1 - l->y0;
        if (l->x0 < g->left)
            g->left = l->x0;
        if (l->x1 > l->x0)
            g->known = 1;
    }
    qsort(ends, n, sizeof *ends, cmp_double);
    qsort(heights, n, sizeof *heights, cmp_double);
    g->em = p->em > 0 ? p->em : heights[n / 2] * 0.8;
    if (g->em <= 0)
        g->em = 10;
    /* The right margin: where most of the longest lines end. Justified
     * lines end there, give or take punctuation set tight or hanging; a
     * stray line running beyond (a wide table row, a long URL) is not it. */
    double top = ends[n * 9 / 10];
    size_t from = 0;
    while (from < n && ends[from] < top - 3 * g->em)
        from++;
    size_t to = from;
    while (to < n && ends[to] <= top + 2 * g->em)
        to++;
    g->right = ends[from + (to - from) / 2];
    free(ends);
    free(heights);
}

/* --- joining ---------------------------------------------------------------- */

static int ends_sentence(const pdf_line *l)
{
    int32_t cp = es_u8_cp(l->text + es_u8_prev(l->text, 0, l->len));
    return cp == 0x3002 || cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF01 || cp == 0xFF1F || cp == ':';
}

/* 一、 （一） 1. 1、 第一 at the start of a line: a heading or a list item. */
static int starts_item(const pdf_line *l)
{
    const char *s = l->text;
    size_t n = l->len, i = 0;
    if (n >= 3 && strncmp(s, "（", 3) == 0)
        i = 3;
    size_t digits = 0, numerals = 0;
    while (i < n) {
        int32_t cp = es_u8_cp(s + i);
        if (cp >= '0' && cp <= '9')
            digits++;
        else if (es_is_cn_numeral(cp))
            numerals++;
        else
            break;
        i += es_u8_len(s + i);
    }
    if (digits + numerals == 0 || i >= n)
        return 0;
    int32_t next = es_u8_cp(s + i);
    return next == 0x3001 || next == 0xFF09 || next == 0xFF0E || (digits > 0 && next == '.');
}

/* Characters a line may not begin with: closing punctuation, which
 * typesetting keeps with the character before. */
static int no_line_start(int32_t cp)
{
    return cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 ||
           cp == 0xFF1F || cp == 0xFF09 || cp == 0x300B || cp == 0x300D || cp == 0x300F || cp == 0x201D ||
           cp == 0x2019 || cp == 0xFF05;
}

/* Characters a line may not end with: opening punctuation, which
 * typesetting keeps with the character after. */
static int no_line_end(int32_t cp)
{
    return cp == 0xFF08 || cp == 0x300A || cp == 0x300C || cp == 0x300E || cp == 0x201C || cp == 0x2018;
}

/* About how wide, in character widths, the first piece of a line that
 * cannot be broken is: a number or a Latin word (half a width a letter)
 * or one character, with the opening punctuation before it and the closing
 * punctuation after it held to it (54.8%，  “线”，  （2021-2023）》). */
static double lead_width(const pdf_line *l)
{
    size_t i = 0;
    double w = 0;
    while (i < l->len && no_line_end(es_u8_cp(l->text + i))) {
        w += 1;
        i += es_u8_len(l->text + i);
    }
    size_t word = i;
    while (i < l->len && is_ascii_mark((unsigned char)l->text[i])) {
        w += 0.5;
        i++;
    }
    if (i == word && i < l->len) {
        w += 1;
        i += es_u8_len(l->text + i);
    }
    while (i < l->len && no_line_start(es_u8_cp(l->text + i))) {
        w += 1;
        i += es_u8_len(l->text + i);
    }
    return w;
}

/* Whether a line ended short only because what the next begins with would
 * not fit in the room left: a number or a Latin word is not broken, so a
 * line of ideographs before 54.8% ends up to its width short of the
 * margin. */
static int pushed_over(const pdf_line *a, const geometry *ga, const pdf_line *b)
{
    if (ends_sentence(a))
        return 0;
    return a->x1 + (lead_width(b) + 0.25) * ga->em > ga->right;
}

static int continues(const pdf_line *a, const geometry *ga, const pdf_line *b, const geometry *gb,
                     int same_page)
{
    if (!ga->known || !gb->known)
        return 0;
    if (a->x1 < ga->right - FULL_LINE_SLACK * ga->em && !pushed_over(a, ga, b))
        return 0;   /* ended short */
    if (b->x0 > gb->left + INDENT_MIN * gb->em)
        return 0;   /* indented */
    if (same_page && b->y0 - a->y1 > PARAGRAPH_GAP * (a->y1 - a->y0))
        return 0;   /* a gap between */
    if (ends_sentence(a) && starts_item(b))
        return 0;
    return 1;
}

static void join(flow *f, const pdf_line *a, const pdf_line *b)
{
    int32_t before = es_u8_cp(a->text + es_u8_prev(a->text, 0, a->len));
    int32_t after = es_u8_cp(b->text);
    if (flow_space_between(before, after))
        flow_text(f, " ", 1);
}

/* --- running heads and feet ----------------------------------------------- */

/* A line as a running head or foot is compared: its digits (a page
 * number, a date) do not count. Returns a new string. */
static char *running_key(const pdf_line *l)
{
    es_buf b = {0};
    for (size_t i = 0; i < l->len; i++) {
        if (es_is_digit(l->text[i])) {
            es_buf_putc(&b, '#');
            while (i + 1 < l->len && es_is_digit(l->text[i + 1]))
                i++;
        } else {
            es_buf_putc(&b, l->text[i]);
        }
    }
    return es_buf_take(&b, NULL);
}

typedef struct keyed {
    char *key;
    size_t page;
} keyed;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* Pages whose first (or last) line is the same on so many pages carry a
 * running head (or foot), the document's or a chapter's title: it is not
 * text, and would cut a sentence that runs on to the next page. */
enum { RUNNING_MIN_PAGES = 3 };

static void drop_running(pdf_page *pages, size_t npages, size_t *first, size_t *last, int head)
{
    size_t need = npages / 2 > RUNNING_MIN_PAGES ? npages / 2 : RUNNING_MIN_PAGES;
    keyed *keys = es_xcalloc(npages + 1, sizeof *keys);
    size_t n = 0;
    for (size_t k = 0; k < npages; k++)
        if (first[k] < last[k])
            keys[n++] = (keyed){running_key(&pages[k].lines[head ? first[k] : last[k] - 1]), k};
    qsort(keys, n, sizeof *keys, by_key);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(keys[j].key, keys[i].key) == 0)
            j++;
        for (size_t m = i; j - i >= need && m < j; m++) {
            if (head)
                first[keys[m].page]++;
            else
                last[keys[m].page]--;
        }
        i = j;
    }
    for (size_t i = 0; i < n; i++)
        free(keys[i].key);
    free(keys);
}

/* --- columns ----------------------------------------------------------------- */

/* A page set in columns lists the lines of one column, top to bottom, then
 * those of the next: a line standing wholly above the one before starts a
 * new column (or a block beside the text), whose margins are its own. A
 * run of fewer lines than this, or narrower than this many characters (a
 * column of a table's cells, whose lines are no sentence's), tells no
 * margins and takes the page's. */
#define COLUMN_MIN_LINES 3
#define COLUMN_MIN_CHARS 12

/* Where the run of lines from `at` going down the page ends. */
static size_t column_end(const pdf_page *p, size_t at, size_t last)
{
    size_t k = at + 1;
    while (k < last && !(p->lines[k].y1 <= p->lines[k - 1].y0 && p->lines[k].y1 > p->lines[k].y0))
        k++;
    return k;
}

void pdf_write_pages(pdf_page *pages, size_t npages, flow *f, size_t *page_starts)
{
    size_t *first = es_xcalloc(npages + 1, sizeof *first);
    size_t *last = es_xcalloc(npages + 1, sizeof *last);
    for (size_t k = 0; k < npages; k++)
        page_body(&pages[k], &first[k], &last[k]);
    drop_running(pages, npages, first, last, 1);
    drop_running(pages, npages, first, last, 0);
    const pdf_line *prev = NULL;
    geometry prev_geo = {0};   /* of the column prev is in */
    for (size_t k = 0; k < npages; k++) {
        geometry page;
        measure(&pages[k], first[k], last[k], &page);
        int first = 1;
        for (size_t at = page.first; at < page.last;) {
            size_t end = column_end(&pages[k], at, page.last);
            geometry g = page;
            if (end - at >= COLUMN_MIN_LINES && end - at < page.last - page.first) {
                measure(&pages[k], at, end, &g);
                if (g.right - g.left < COLUMN_MIN_CHARS * g.em)
                    g = page;
            }
            for (size_t i = at; i < end; i++) {
                const pdf_line *l = &pages[k].lines[i];
                if (prev && continues(prev, &prev_geo, l, &g, !first))
                    join(f, prev, l);
                else
                    flow_line(f);
                if (first)
                    page_starts[k] = flow_mark(f);
                flow_text(f, l->text, l->len);
                prev = l;
                prev_geo = g;
                first = 0;
            }
            at = end;
        }
        if (first) {
            page_starts[k] = flow_mark(f);
        }
    }
    flow_line(f);
    free(first);
    free(last);
}
