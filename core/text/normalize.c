/* The normalized view of a raw text (see normalize.h).
 *
 * Most of a Chinese document is ASCII and CJK ideographs, which the view
 * keeps unchanged (but for traditional ideographs, read as simplified:
 * hanzi.h), so those take a fast path; only the remaining characters are
 * looked up in the Unicode tables. */
#include "edushell/text/normalize.h"
#include "edushell/text/hanzi.h"

#include "hanzi_table.h"

#include "edushell/base/common.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Worst case growth: one raw byte becomes the 3-byte U+FFFD, and NFKC of a
 * character stays within NFKC_MAX_CPS code points of up to 4 bytes each. */
#define NFKC_MAX_CPS 18

typedef struct view_builder {
    es_view *v;
    size_t cap;
    size_t folded;   /* traditional characters read as simplified */
} view_builder;

static void reserve(view_builder *b, size_t extra)
{
    if (b->v->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->v->len + extra + 1)
        cap *= 2;
    b->v->text = es_xrealloc(b->v->text, cap);
    b->v->map = es_xrealloc(b->v->map, cap * sizeof *b->v->map);
    b->cap = cap;
}

/* Appends view bytes that all come from the raw character at `raw_at`. */
static void emit(view_builder *b, const char *bytes, size_t n, size_t raw_at)
{
    reserve(b, n);
    memcpy(b->v->text + b->v->len, bytes, n);
    for (size_t i = 0; i < n; i++)
        b->v->map[b->v->len + i] = (uint32_t)raw_at;
    b->v->len += n;
}

static void emit_cp(view_builder *b, int32_t cp, size_t raw_at)
{
    uint8_t enc[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
    emit(b, (const char *)enc, (size_t)n, raw_at);
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is malformed. */
static size_t utf8_seq(const unsigned char *s, size_t left, int32_t *cp)
{
    utf8proc_ssize_t n = utf8proc_iterate(s, (utf8proc_ssize_t)(left < 4 ? left : 4), cp);
    return n > 0 ? (size_t)n : 0;
}

/* Punctuation the view unifies beyond what NFKC does; 0 when none. */
static int32_t unified_punct(int32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E)
        return cp - 0xFEE0;            /* full-width ASCII */
    switch (cp) {
    case 0x3000: return ' ';           /* ideographic space */
    case 0x301C: return '~';           /* wave dash */
    case 0x2013: return '-';           /* en dash */
    case 0x2212: return '-';           /* minus sign */
    case 0xFE58: return '-';
    default: return 0;
    }
}

static int is_cjk_ideograph(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

/* NFKC of a single character, written to the view. */
static void emit_nfkc(view_builder *b, int32_t cp, size_t raw_at)
{
    const utf8proc_property_t *prop = utf8proc_get_property(cp);
    if (prop->decomp_seqindex == UINT16_MAX) {
        emit_cp(b, cp, raw_at);        /* no decomposition: NFKC is identity */
        return;
    }
    utf8proc_int32_t buf[NFKC_MAX_CPS];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, NFKC_MAX_CPS,
                                                 UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &boundclass);
    if (n <= 0 || n > NFKC_MAX_CPS) {
        emit_cp(b, cp, raw_at);
        return;
    }
    n = utf8proc_normalize_utf32(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int32_t out = unified_punct(buf[i]);
        emit_cp(b, out ? out : buf[i], raw_at);
    }
}

/* Whether the 3 bytes at s (with left >= 3) encode a character the view
 * keeps unchanged: a CJK ideograph (U+4E00-U+9FFF), which makes up most
 * of a Chinese text, or common CJK punctuation (、。《》「」【】 and the
 * curly quotes and dash), none of which NFKC changes. */
static inline int kept_as_is(const unsigned char *s)
{
    if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
        return 0;
    if (s[0] >= 0xE5 && s[0] <= 0xE9)
        return 1;
    if (s[0] == 0xE4)
        return s[1] >= 0xB8;
    if (s[0] == 0xE3)   /* U+3001-U+3011 */
        return s[1] == 0x80 && s[2] >= 0x81 && s[2] <= 0x91;
    if (s[0] == 0xE2)   /* — ‘ ’ “ ” */
        return s[1] == 0x80 && (s[2] == 0x94 || s[2] == 0x98 || s[2] == 0x99 || s[2] == 0x9C || s[2] == 0x9D);
    return 0;
}

/* Rewrites the 3-byte ideograph at u as its simplified form in `table`,
 * which is an ideograph of the same range and so of the same length.
 * Returns whether it changed. */
static inline int fold_traditional(unsigned char *u, const uint16_t *table)
{
    int32_t cp = ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    if (cp < HANZI_FIRST)
        return 0;
    int32_t to = table[cp - HANZI_FIRST];
    if (!to)
        return 0;
    u[0] = (unsigned char)(0xE0 | (to >> 12));
    u[1] = (unsigned char)(0x80 | ((to >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (to & 0x3F));
    return 1;
}

/* A text is written in traditional characters when at least one character
 * in TRADITIONAL_SHARE is one simplified Chinese does not write (about one
 * in four is, in a traditional text; none or a name's few in a simplified
 * one). Its characters that both write (後 后, 於 于) are then read as
 * simplified too: 高於 is 高于, 以後 以后. */
#define TRADITIONAL_SHARE 20

static void fold_traditional_text(es_view *v, size_t folded)
{
    if (folded == 0 || folded * 3 * TRADITIONAL_SHARE < v->len)
        return;
    unsigned char *s = (unsigned char *)v->text;
    for (size_t i = 0; i + 3 <= v->len; i++)
        if (s[i] >= 0xE4 && s[i] <= 0xE9 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
            fold_traditional(s + i, es_hanzi_t2s_traditional_table);
            i += 2;
        }
}

/* The ASCII character of a full-width form (ＡＢ，：１２) encoded at s, or 0. */
static inline char full_width_ascii(const unsigned char *s)
{
    if (s[0] != 0xEF)
        return 0;
    if (s[1] == 0xBC && s[2] >= 0x81 && s[2] <= 0xBF)
        return (char)(s[2] - 0x81 + 0x21);
    if (s[1] == 0xBD && s[2] >= 0x80 && s[2] <= 0x9E)
        return (char)(s[2] - 0x80 + 0x60);
    return 0;
}

/* Copies the run of characters at raw[i] that need no table lookup:
 * ASCII, characters kept as they are, full-width ASCII. Returns where the
 * run ends. */
static size_t copy_plain_run(view_builder *b, const char *raw, size_t i, size_t len)
{
    const unsigned char *s = (const unsigned char *)raw;
    reserve(b, len - i);   /* the run is at most the rest of the text */
    char *text = b->v->text + b->v->len;
    uint32_t *map = b->v->map + b->v->len;
    size_t j = i;
    char ascii;
    for (;;) {
        unsigned c = j < len ? s[j] : 0x100;
        if (c < 0x80) {
            *text++ = (char)c;
            *map++ = (uint32_t)j++;
        } else if (len - j < 3) {
            break;
        } else if ((c - 0xE4 <= 0xE9 - 0xE4 && (s[j + 1] & 0xC0) == 0x80 && (s[j + 2] & 0xC0) == 0x80 &&
                    (c != 0xE4 || s[j + 1] >= 0xB8)) ||
                   kept_as_is(s + j)) {
            /* the ideographs U+4E00-U+9FFF are tested before kept_as_is */
            text[0] = (char)c;
            text[1] = (char)s[j + 1];
            text[2] = (char)s[j + 2];
            if (c >= 0xE4)
                b->folded += (size_t)fold_traditional((unsigned char *)text, es_hanzi_t2s_table);
            map[0] = map[1] = map[2] = (uint32_t)j;
            text += 3;
            map += 3;
            j += 3;
        } else if ((ascii = full_width_ascii(s + j)) != 0) {
            *text++ = ascii;
            *map++ = (uint32_t)j;
            j += 3;
        } else {
            break;
        }
    }
    b->v->len = (size_t)(text - b->v->text);
    return j;
}

/* --- joins: what the view leaves out of the text ------------------------ */

/* Lines of a hard-wrapped text (a page copied out of a PDF, a column of a
 * yearbook) are as wide as the column, and a sentence runs on from one
 * line to the next: when many lines share their width, a line that wide,
 * not ending a sentence and followed by one that opens nothing new, runs
 * on. Widths are display columns (a Chinese character is two, a digit
 * one); lines narrower than WRAP_MIN_WIDTH tell nothing. */
#define WRAP_MIN_WIDTH 30
#define WRAP_MIN_LINES 3
#define WRAP_SHARE_PERCENT 25
#define WRAP_MAX_WIDTH 400
/* Lines of one column differ by a character's width at most. */
#define WRAP_SLACK 2

typedef struct line_info {
    size_t start, end;   /* without blanks around */
    size_t width;        /* display columns */
} line_info;

static size_t width_upto(const char *s, size_t len, size_t cap);

/* Lines wider than this are all alike to the wrap test (see near), so a
 * long paragraph is measured no further. */
#define WRAP_WIDTH_CAP (WRAP_MAX_WIDTH + WRAP_SLACK)

static size_t view_lines(const es_view *v, line_info **out)
{
    size_t n = 0, cap = 0, at = 0;
    *out = NULL;
    while (at <= v->len) {
        const char *nl = memchr(v->text + at, '\n', v->len - at);
        size_t end = nl ? (size_t)(nl - v->text) : v->len;
        size_t s = at, e = end;
        while (s < e && (v->text[s] == ' ' || v->text[s] == '\t' || v->text[s] == '\r'))
            s++;
        while (e > s && (v->text[e - 1] == ' ' || v->text[e - 1] == '\t' || v->text[e - 1] == '\r'))
            e--;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            *out = es_xrealloc(*out, cap * sizeof **out);
        }
        (*out)[n++] = (line_info){ s, e, width_upto(v->text + s, e - s, WRAP_WIDTH_CAP) };
        if (!nl)
            break;
        at = end + 1;
    }
    return n;
}

static int near(size_t width, size_t column)
{
    return width + WRAP_SLACK >= column && width <= column + WRAP_SLACK;
}

/* The length most lines of a hard-wrapped text share, 0 when the text is
 * not wrapped. A paragraph wraps over lines of that length one after
 * another; headings of one length each stand alone. */
static size_t wrap_width(const line_info *lines, size_t n)
{
    size_t counts[WRAP_MAX_WIDTH + 1] = { 0 }, long_lines = 0;
    for (size_t k = 0; k < n; k++)
        if (lines[k].width >= WRAP_MIN_WIDTH && lines[k].width <= WRAP_MAX_WIDTH) {
            counts[lines[k].width]++;
            long_lines++;
        }
    size_t best = 0, best_count = 0;
    for (size_t c = WRAP_MIN_WIDTH; c <= WRAP_MAX_WIDTH; c++) {
        size_t around = 0;
        for (size_t d = c - WRAP_SLACK; d <= c + WRAP_SLACK && d <= WRAP_MAX_WIDTH; d++)
            around += counts[d];
        if (around > best_count) {
            best = c;
            best_count = around;
        }
    }
    if (best_count < WRAP_MIN_LINES || best_count * 100 < long_lines * WRAP_SHARE_PERCENT)
        return 0;
    size_t runs = 0;
    for (size_t k = 0; k + 1 < n; k++)
        runs += near(lines[k].width, best) && near(lines[k + 1].width, best);
    return runs >= WRAP_MIN_LINES ? best : 0;
}

/* Whether a line ends a sentence or a heading: 。!?;: and closing quotes. */
static int ends_sentence(const char *t, const line_info *l)
{
    if (l->end == l->start)
        return 1;
    char c = t[l->end - 1];
    if (c == '!' || c == '?' || c == ';' || c == ':' || c == '|')
        return 1;
    return l->end - l->start >= 3 && (memcmp(t + l->end - 3, "。", 3) == 0 || memcmp(t + l->end - 3, "”", 3) == 0);
}

/* Whether a line opens something new: a numbered heading or a list item. */
static int opens_item(const char *t, const line_info *l)
{
    size_t at = l->start;
    if (at >= l->end)
        return 1;
    if (t[at] == '(' || (l->end - at >= 3 && (memcmp(t + at, "—", 3) == 0 || memcmp(t + at, "第", 3) == 0)))
        return 1;
    size_t p = at;
    while (p < l->end && t[p] >= '0' && t[p] <= '9')
        p++;
    int decimal = p + 1 < l->end && t[p] == '.' && t[p + 1] >= '0' && t[p + 1] <= '9';
    if (p > at && p < l->end && !decimal &&
        (t[p] == '.' || t[p] == ')' || (l->end - p >= 3 && memcmp(t + p, "、", 3) == 0)))
        return 1;
    static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    for (size_t k = 0; k < sizeof numerals / sizeof *numerals; k++)
        if (l->end - at >= 6 && memcmp(t + at, numerals[k], 3) == 0 &&
            (memcmp(t + at + 3, "、", 3) == 0 || memcmp(t + at + 3, "是", 3) == 0))
            return 1;
    return 0;
}

/* Marks the line breaks (and the blanks around them) of a wrapped text
 * that fall inside sentences. */
static int mark_wrapped_breaks(const es_view *v, unsigned char *drop)
{
    line_info *lines;
    size_t n = view_lines(v, &lines), width = wrap_width(lines, n);
    int any = 0;
    for (size_t k = 0; width && k + 1 < n; k++) {
        const line_info *a = &lines[k], *b = &lines[k + 1];
        if (!near(a->width, width) || ends_sentence(v->text, a) || b->end == b->start || opens_item(v->text, b))
            continue;
        for (size_t p = a->end; p < b->start; p++)
            drop[p] = 1;
        any = 1;
    }
    free(lines);
    return any;
}

/* Marks the spaces between groups of digits (12 345, 1 234 567): one
 * number. */
static int mark_digit_group_spaces(const es_view *v, unsigned char *drop)
{
    const char *t = v->text;
    int any = 0;
    for (const char *p = memchr(t, ' ', v->len); p; p = memchr(p + 1, ' ', v->len - (size_t)(p + 1 - t))) {
        size_t at = (size_t)(p - t), lead = at;
        while (lead > 0 && t[lead - 1] >= '0' && t[lead - 1] <= '9')
            lead--;
        size_t digits = at - lead;
        int grouped_before = lead > 0 && drop[lead - 1];
        if (digits == 0 || (digits > 3 && !grouped_before) || (digits != 3 && grouped_before))
            continue;
        if (lead > 0 && !grouped_before && (t[lead - 1] == '.' || t[lead - 1] == ',' ||
                                            ((unsigned char)t[lead - 1] < 0x80 && isalpha((unsigned char)t[lead - 1]))))
            continue;
        size_t q = at + 1;
        while (q < v->len && t[q] >= '0' && t[q] <= '9')
            q++;
        if (q - at - 1 != 3)
            continue;
        drop[at] = 1;
        any = 1;
    }
    return any;
}

/* Leaves the marked bytes out of the view; the map keeps every other
 * byte's raw offset, so a span across a join covers the raw line break. */
static void compact(es_view *v, const unsigned char *drop)
{
    size_t w = 0;
    for (size_t r = 0; r < v->len; r++)
        if (!drop[r]) {
            v->text[w] = v->text[r];
            v->map[w] = v->map[r];
            w++;
        }
    v->map[w] = v->map[v->len];
    v->text[w] = '\0';
    v->len = w;
}

static void join(es_view *v)
{
    if (v->len == 0)
        return;
    unsigned char *drop = es_xcalloc(v->len, 1);
    int wrapped = mark_wrapped_breaks(v, drop);
    int grouped = memchr(v->text, ' ', v->len) && mark_digit_group_spaces(v, drop);
    if (wrapped || grouped)
        compact(v, drop);
    free(drop);
}

void es_view_build(const char *raw, size_t len, es_view *out)
{
    memset(out, 0, sizeof *out);
    view_builder b = { out, 0, 0 };
    reserve(&b, len + 16);
    const unsigned char *s = (const unsigned char *)raw;
    size_t i = 0;
    while (i < len) {
        size_t j = copy_plain_run(&b, raw, i, len);
        if (j > i) {
            i = j;
            continue;
        }
        int32_t cp;
        size_t n = utf8_seq(s + i, len - i, &cp);
        if (n == 0) {
            emit_cp(&b, 0xFFFD, i);
            i++;
            continue;
        }
        int32_t punct;
        if (is_cjk_ideograph(cp)) {
            int32_t to = es_hanzi_simplified(cp);
            b.folded += to != cp;
            emit_cp(&b, to, i);
        }
        else if ((punct = unified_punct(cp)) != 0)
            emit_cp(&b, punct, i);
        else
            emit_nfkc(&b, cp, i);
        i += n;
    }
    reserve(&b, 0);
    out->text[out->len] = '\0';
    out->map[out->len] = (uint32_t)len;
    fold_traditional_text(out, b.folded);
    join(out);
}

void es_view_free(es_view *v)
{
    if (!v)
        return;
    free(v->text);
    free(v->map);
    memset(v, 0, sizeof *v);
}

/* Raw offset just past the raw character that produced view byte `at`. */
static size_t raw_char_end(const es_view *v, size_t at)
{
    size_t start = v->map[at];
    size_t k = at + 1;
    while (k < v->len && v->map[k] == start)
        k++;
    return v->map[k];
}

void es_view_to_raw(const es_view *v, size_t vs, size_t ve, size_t *rs, size_t *re)
{
    if (vs > v->len)
        vs = v->len;
    if (ve > v->len)
        ve = v->len;
    if (ve < vs)
        ve = vs;
    *rs = v->map[vs];
    *re = ve > vs ? raw_char_end(v, ve - 1) : *rs;
}

size_t es_view_offset(const es_view *v, size_t raw)
{
    size_t lo = 0, hi = v->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->map[mid] < raw)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Display width of the character at u when it is ASCII or a CJK
 * ideograph (U+4E00-U+9FFF), which make up most of a Chinese text: ASCII
 * controls are 0, other ASCII 1 and ideographs 2, as utf8proc_charwidth
 * says (test_normalize checks every one); *n is its length. Returns -1
 * for any other character. */
static inline int common_width(const unsigned char *u, size_t left, size_t *n)
{
    if (u[0] < 0x80) {
        *n = 1;
        return u[0] >= 0x20 && u[0] < 0x7F;
    }
    if (left >= 3 && u[0] >= 0xE4 && u[0] <= 0xE9 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
        (u[0] != 0xE4 || u[1] >= 0xB8)) {
        *n = 3;
        return 2;
    }
    return -1;
}

/* Display width of s[0..len), or a width above `cap` once it passes it. */
static size_t width_upto(const char *s, size_t len, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t width = 0, i = 0;
    while (i < len && width <= cap) {
        size_t n;
        int common = common_width(u + i, len - i, &n);
        if (common >= 0) {
            width += (size_t)common;
            i += n;
            continue;
        }
        int32_t cp;
        n = utf8_seq(u + i, len - i, &cp);
        if (n == 0) {
            width += 1;
            i++;
            continue;
        }
        int w = utf8proc_charwidth(cp);
        width += w > 0 ? (size_t)w : 0;
        i += n;
    }
    return width;
}

size_t es_display_width(const char *s, size_t len)
{
    return width_upto(s, len, SIZE_MAX);
}
