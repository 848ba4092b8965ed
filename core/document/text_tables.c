/* Tables flattened into text, found on the view and recorded as tables of
 * cells (see segment.h), the same as a reader records the tables of an
 * office file, so that the same code reads their figures.
 *
 * Three shapes come from pages copied out of HTML:
 *   - rows one a line, cells between bars:  类别 | 任务目标 | 完成情况 |
 *   - one cell a line ending in a bar:      学校数 |  (a row's cells on the lines after it)
 *   - one cell a paragraph:                 指标 / 2020年 / 2025年 / 属性, then the rows
 * In the last two the rows must be found again: the heading row is the run
 * of labels before the first row's label, and a row is a label followed by
 * its figures. A row with fewer figures than columns puts each where the
 * column's other figures are of its size; a group of labels (a parent and
 * its parts, 其中:小学 / 初中) followed by several rows' figures takes them
 * column by column, as a cell holding several lines is flattened. */
#include "edushell/document/segment.h"

#include "edushell/base/common.h"
#include "edushell/base/uchar.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A cell of a paragraph table is short and no sentence. */
#define MAX_CELL_CHARS 40
/* A table has a heading row of two cells at least and two rows of figures. */
#define MIN_COLUMNS 2
#define MIN_ROWS 2
/* Lines ending in a bar: a run of at least this many is a table, or of
 * two when each holds several cells (a heading row and a row). */
#define MIN_BAR_LINES 3
/* The comparator and unit around a figure in a cell are short. */
#define MAX_FIGURE_AFFIX_CHARS 6

typedef struct span {
    size_t start, end;
} span;

typedef struct span_list {
    span *items;
    size_t n, cap;
} span_list;

static void push(span_list *l, size_t start, size_t end)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->items = es_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = (span){ start, end };
}

static span trim(const char *t, span s)
{
    size_t n;
    while (s.start < s.end && (n = es_blank_len(t + s.start, s.end - s.start)) > 0)
        s.start += n;
    while (s.end > s.start && (n = es_blank_before_len(t + s.start, s.end - s.start)) > 0)
        s.end -= n;
    return s;
}

/* Cells that stand for a figure not given: / - — */
static int is_placeholder(const char *t, span s)
{
    size_t n = s.end - s.start;
    return (n == 1 && (t[s.start] == '/' || t[s.start] == '-')) || (n == 3 && memcmp(t + s.start, "—", 3) == 0) ||
           (n == 6 && memcmp(t + s.start, "——", 6) == 0);
}

/* Whether a cell holds a figure and nothing else: a number with a few
 * characters of comparator and unit around it (99%以上, 约12.3年, 1,234);
 * a year alone (2020年) heads a column. *value gets the number. */
static int figure_cell(const char *t, span s, double *value)
{
    size_t at = s.start;
    int before = 0;
    while (at < s.end && !es_is_digit(t[at]) && before <= MAX_FIGURE_AFFIX_CHARS) {
        if (t[at] == ' ')
            return 0;
        at += es_u8_len(t + at);
        before++;
    }
    if (at >= s.end || before > 3)
        return 0;
    char number[64];
    size_t n = 0, digits = 0;
    int point = 0;
    for (; at < s.end && n + 1 < sizeof number; at++) {
        char c = t[at];
        if (es_is_digit(c)) {
            number[n++] = c;
            digits++;
        } else if (c == '.' && !point && at + 1 < s.end && es_is_digit(t[at + 1])) {
            number[n++] = c;
            point = 1;
        } else if (c == ',' && at + 1 < s.end && es_is_digit(t[at + 1])) {
            continue;
        } else {
            break;
        }
    }
    number[n] = '\0';
    int after = 0;
    for (size_t p = at; p < s.end; p += es_u8_len(t + p), after++)
        if (es_is_digit(t[p]) || t[p] == '-' || t[p] == '/' || t[p] == ' ' || after >= MAX_FIGURE_AFFIX_CHARS)
            return 0;
    *value = strtod(number, NULL);
    int year = !point && digits == 4 && *value >= 1900 && *value <= 2100 && s.end - at >= 3 &&
               memcmp(t + at, "年", 3) == 0 && s.end - at <= 6;
    return !year;
}

/* Length of a numbering marker opening a label: 1. 1、 一、 (一) */
static size_t numbered(const char *t, span s)
{
    size_t at = s.start, n = s.end - s.start;
    if (n == 0)
        return 0;
    int paren = t[at] == '(';
    size_t p = at + (size_t)paren, q = p;
    while (q < s.end && es_is_digit(t[q]))
        q++;
    if (q == p)
        while (q < s.end && ((unsigned char)t[q] & 0x80) && es_is_cn_numeral(es_u8_cp(t + q)))
            q += es_u8_len(t + q);
    if (q == p)
        return 0;
    if (paren)
        return q < s.end && t[q] == ')' ? q + 1 - at : 0;
    if (q < s.end && t[q] == '.' && !(q + 1 < s.end && es_is_digit(t[q + 1])))
        return q + 1 - at;
    if (s.end - q >= 3 && memcmp(t + q, "、", 3) == 0)
        return q + 3 - at;
    return 0;
}

/* --- building a table -------------------------------------------------- */

static void add_cell(es_table *tb, span s, unsigned row, unsigned col)
{
    es_table_add_cell(tb, s.start, s.end, row, col, 1, 1);
}

/* A cell of a sequence: its span and what it holds. */
typedef struct cell {
    span s;
    int figure;        /* a figure or a placeholder */
    int placeholder;
    double value;
} cell;

static void classify(const char *t, cell *c)
{
    c->placeholder = is_placeholder(t, c->s);
    c->figure = c->placeholder || figure_cell(t, c->s, &c->value);
}

/* The columns a short row's figures go to: in order, each to a column whose
 * other figures are of its size (by the distance of their logarithms to the
 * column's median), so that the columns left empty are those it lacks. */
static void align_short_row(const cell *figs, size_t k, const double *medians, size_t m, unsigned *cols)
{
    /* cost[i][j]: best cost placing figures [0, i) in columns [0, j), figure i-1 in column j-1 */
    double *cost = es_xmalloc((k + 1) * (m + 1) * sizeof *cost);
    unsigned char *from = es_xcalloc((k + 1) * (m + 1), 1);
#define COST(i, j) cost[(size_t)(i) * (m + 1) + (j)]
    for (size_t i = 0; i <= k; i++)
        for (size_t j = 0; j <= m; j++)
            COST(i, j) = i == 0 ? 0 : HUGE_VAL;
    for (size_t i = 1; i <= k; i++)
        for (size_t j = i; j <= m; j++) {
            const cell *f = &figs[i - 1];
            double d = 0;
            if (!f->placeholder && medians[j - 1] > 0 && f->value > 0)
                d = fabs(log10(f->value) - log10(medians[j - 1]));
            for (size_t p = i - 1; p < j; p++)   /* the previous figure's column */
                if (COST(i - 1, p) + d < COST(i, j)) {
                    COST(i, j) = COST(i - 1, p) + d;
                    from[i * (m + 1) + j] = (unsigned char)p;
                }
        }
    size_t best = k;
    for (size_t j = k; j <= m; j++)
        if (COST(k, j) < COST(k, best))
            best = j;
    for (size_t i = k; i > 0; i--) {
        cols[i - 1] = (unsigned)best;   /* column best-1 among the value columns, 1-based in the table */
        best = from[i * (m + 1) + best];
    }
#undef COST
    free(cost);
    free(from);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of each value column over the rows that fill every column. */
static double *column_medians(const cell *cells, size_t n, size_t first, size_t m)
{
    double *med = es_xcalloc(m, sizeof *med);
    double *vals = es_xmalloc((n + 1) * sizeof *vals);
    for (size_t col = 0; col < m; col++) {
        size_t nv = 0, at = first;
        while (at < n) {
            size_t end = at + 1;
            while (end < n && cells[end].figure)
                end++;
            if (end - at - 1 == m && !cells[at].figure && !cells[at + 1 + col].placeholder)
                vals[nv++] = cells[at + 1 + col].value;
            at = end;
        }
        if (nv) {
            qsort(vals, nv, sizeof *vals, cmp_double);
            med[col] = vals[nv / 2];
        }
    }
    free(vals);
    return med;
}

static void drop_last_table(es_table_list *list)
{
    es_table *last = &list->items[--list->n];
    free(last->cells);
    free(last->sheet);
}

/* Where the first row begins in a sequence of cells: at the first
 * numbered label before the first figure, else at the label just before
 * it. */
static size_t first_row_start(const char *t, const cell *cells, size_t n)
{
    size_t first_figure = 0;
    while (first_figure < n && !cells[first_figure].figure)
        first_figure++;
    if (first_figure >= n || first_figure == 0)
        return 0;
    for (size_t k = 0; k < first_figure; k++)
        if (numbered(t, cells[k].s))
            return k;
    return first_figure - 1;
}

/* Rows of a sequence of cells (one a line or a paragraph); returns where
 * the table ends (0 when there is none). The first row gives the shape:
 * a label, m figures, then attribute cells up to the next row's label;
 * the heading row is as many labels as that makes columns, right before
 * the first row (a title before it is no heading). */
static size_t read_sequence(const char *t, cell *cells, size_t n, es_table_list *out)
{
    size_t h = first_row_start(t, cells, n);
    size_t at = h;
    while (at < n && !cells[at].figure)
        at++;
    size_t m = 0;
    while (at + m < n && cells[at + m].figure)
        m++;
    if (m == 0 || at == 0)
        return 0;   /* no figures, or figures with no label before them */
    /* The next row begins at its numbered label when rows are numbered,
     * else at the label right before its figures. */
    size_t next = at + m, attrs;
    if (numbered(t, cells[at - 1].s)) {
        while (next < n && !cells[next].figure && !numbered(t, cells[next].s))
            next++;
        attrs = next - (at + m);
    } else {
        while (next < n && !cells[next].figure)
            next++;
        attrs = next - (at + m) - 1;
    }
    if (m == 0 || next >= n)
        return 0;
    size_t k = 1 + m + attrs;
    if (k < MIN_COLUMNS || h < k)
        return 0;
    size_t head = h - k;
    double *medians = column_medians(cells, n, h, m);
    es_table *tb = es_table_list_add(out, cells[head].s.start, NULL);
    for (size_t c = 0; c < k; c++)
        add_cell(tb, cells[head + c].s, 0, (unsigned)c);
    unsigned row = 1, rows_with_figures = 0;
    size_t end = h;
    at = h;
    while (at < n) {
        size_t labels = at;
        while (labels < n && !cells[labels].figure)
            labels++;
        size_t figs = labels;
        while (figs < n && cells[figs].figure)
            figs++;
        size_t nl = labels - at, nf = figs - labels;
        if (nf == 0)
            break;   /* labels after the last figures: no row of the table */
        size_t r = nf % m == 0 ? nf / m : (nf < m && nl >= 1 ? 1 : 0);
        if (r == 0 || nl < r)
            break;
        /* Leading labels without figures of their own: groups and parents. */
        for (size_t i = 0; i + r < nl; i++)
            add_cell(tb, cells[at + i].s, row++, 0);
        unsigned first_row = row;
        for (size_t i = 0; i < r; i++)
            add_cell(tb, cells[at + nl - r + i].s, first_row + (unsigned)i, 0);
        if (nf < m) {
            unsigned cols[64];
            if (nf > sizeof cols / sizeof *cols)
                break;
            align_short_row(cells + labels, nf, medians, m, cols);
            for (size_t i = 0; i < nf; i++)
                if (!cells[labels + i].placeholder)
                    add_cell(tb, cells[labels + i].s, row, cols[i]);
        } else {
            for (size_t c = 0; c < m; c++)
                for (size_t i = 0; i < r; i++)
                    if (!cells[labels + c * r + i].placeholder)
                        add_cell(tb, cells[labels + c * r + i].s, first_row + (unsigned)i, (unsigned)(1 + c));
        }
        at = figs;
        for (size_t a = 0; a < attrs && at < n && !cells[at].figure; a++, at++)
            add_cell(tb, cells[at].s, first_row, (unsigned)(1 + m + a));
        row = first_row + (unsigned)r;
        rows_with_figures += (unsigned)r;
        end = at;
    }
    free(medians);
    if (rows_with_figures < MIN_ROWS) {
        drop_last_table(out);
        return 0;
    }
    return end;
}

/* --- the three shapes -------------------------------------------------- */

/* Cells of a line, between bars; blank cells at the ends dropped. */
static size_t bar_cells(const char *t, span line, span *cells, size_t max)
{
    size_t n = 0, from = line.start;
    for (size_t at = line.start; at <= line.end && n < max; at++) {
        if (at < line.end && t[at] != '|')
            continue;
        span c = trim(t, (span){ from, at });
        if (c.end > c.start || (n > 0 && at < line.end))
            cells[n++] = c;
        from = at + 1;
    }
    while (n > 0 && cells[n - 1].end == cells[n - 1].start)
        n--;
    return n;
}

#define MAX_BAR_CELLS 64

/* Rows one a line: each line's cells, the shorter rows aligned to the right
 * (their first cells are merged with the row above). */
static void read_bar_rows(const char *t, const span *lines, size_t n, es_table_list *out)
{
    span cells[MAX_BAR_CELLS];
    size_t width = 0;
    for (size_t k = 0; k < n; k++) {
        size_t c = bar_cells(t, lines[k], cells, MAX_BAR_CELLS);
        width = c > width ? c : width;
    }
    es_table *tb = es_table_list_add(out, lines[0].start, NULL);
    for (size_t k = 0; k < n; k++) {
        size_t c = bar_cells(t, lines[k], cells, MAX_BAR_CELLS);
        for (size_t i = 0; i < c; i++)
            add_cell(tb, cells[i], (unsigned)k, (unsigned)(width - c + i));
    }
}

/* A run of lines ending in a bar. */
static void read_bar_run(const char *t, const span *lines, size_t n, es_table_list *out)
{
    span cells[MAX_BAR_CELLS];
    int one_a_line = 1, several = 1;
    for (size_t k = 0; k < n; k++) {
        size_t c = bar_cells(t, lines[k], cells, MAX_BAR_CELLS);
        one_a_line &= c <= 1;
        several &= c >= 2;
    }
    if (!one_a_line) {
        if (n >= MIN_BAR_LINES || several)
            read_bar_rows(t, lines, n, out);
        return;
    }
    if (n < MIN_BAR_LINES)
        return;
    cell *seq = es_xcalloc(n, sizeof *seq);
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (bar_cells(t, lines[k], cells, MAX_BAR_CELLS) == 1) {
            seq[m].s = cells[0];
            classify(t, &seq[m++]);
        }
    read_sequence(t, seq, m, out);
    free(seq);
}

static int ends_with_bar(const char *t, span line)
{
    return line.end > line.start && t[line.end - 1] == '|';
}

/* A paragraph that may be a cell: short, and no sentence. */
static int cell_paragraph(const char *t, span p)
{
    if (es_u8_count(t + p.start, p.end - p.start) > MAX_CELL_CHARS)
        return 0;
    for (size_t at = p.start; at < p.end; at++) {
        char c = t[at];
        if (c == ',' || c == ';' || c == '!' || c == '?' || c == '|')
            return 0;
        if (p.end - at >= 3 && memcmp(t + at, "。", 3) == 0)
            return 0;
    }
    return 1;
}

/* Runs of cell paragraphs holding figures. */
static void read_paragraph_runs(const char *t, const es_structure *st, es_table_list *out)
{
    size_t k = 0;
    while (k < st->nparagraphs) {
        size_t end = k;
        while (end < st->nparagraphs && cell_paragraph(t, trim(t, (span){ st->paragraphs[end].start,
                                                                      st->paragraphs[end].end })))
            end++;
        if (end - k >= (MIN_COLUMNS + 1) * MIN_ROWS) {
            cell *seq = es_xcalloc(end - k, sizeof *seq);
            for (size_t i = k; i < end; i++) {
                seq[i - k].s = trim(t, (span){ st->paragraphs[i].start, st->paragraphs[i].end });
                classify(t, &seq[i - k]);
            }
            /* Try each start: the table's heading may follow other short lines. */
            for (size_t from = 0; from + (MIN_COLUMNS + 1) * MIN_ROWS <= end - k;) {
                size_t used = read_sequence(t, seq + from, end - k - from, out);
                from += used ? used : 1;
            }
            free(seq);
        }
        k = end > k ? end : k + 1;
    }
}

void es_find_tables(const char *t, size_t len, es_structure *st)
{
    span_list bars = { 0 };
    size_t line = 0;
    while (line <= len) {
        const char *nl = line < len ? memchr(t + line, '\n', len - line) : NULL;
        size_t line_end = nl ? (size_t)(nl - t) : len;
        span l = trim(t, (span){ line, line_end });
        if (ends_with_bar(t, l))
            push(&bars, l.start, l.end);
        else if (l.end > l.start || !nl) {
            if (bars.n >= 2)
                read_bar_run(t, bars.items, bars.n, &st->tables);
            bars.n = 0;
        }
        if (!nl)
            break;
        line = line_end + 1;
    }
    if (bars.n >= 2)
        read_bar_run(t, bars.items, bars.n, &st->tables);
    free(bars.items);
    read_paragraph_runs(t, st, &st->tables);
}
