/* The figures of a table: one indicator per cell that holds a figure,
 * its metric the row's label followed by the column's heading where that
 * heading names a measure (学前教育 + 学校数), its unit the cell's own or
 * the one a unit column or a heading's note (（%）, (万人)) gives, its
 * year and kind those its column's heading says (2020年, 2025年目标,
 * 完成情况). Cells holding sentences are read as sentences, with the kind
 * their column gives. */
#include "table.h"

#include "metric_phrase.h"
#include "quantity.h"
#include "scan.h"
#include "years.h"
#include "edushell/base/uchar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables with more positions than this are not read cell by cell. */
#define MAX_POSITIONS (1u << 22)
/* At most this many leading rows without figures are headings. */
#define MAX_HEADING_ROWS 4
/* A heading cell of a table with no figure cells is short and no sentence. */
#define MAX_LABEL_CHARS 24

typedef enum cell_class { CELL_EMPTY, CELL_FIGURE, CELL_TEXT } cell_class;

/* What a column's heading says. */
typedef struct column {
    int kind_known;
    int kind_named;      /* by a word of the heading (目标, 完成情况), not by its year */
    es_ind_kind kind;
    int year;            /* named by the heading, else the document's; 0 for none */
    int year_named;      /* the heading names it */
    char *measure;       /* the measure it names, owned, NULL for none */
    char unit[32];       /* from a note (（%）), "" for none */
    double scale;        /* of the note (万人: 10000) */
    int is_unit;         /* the column names each row's unit */
} column;

typedef struct reader {
    const es_extractor *ex;
    const vocab *v;
    const es_extract_input *in;
    const part *parts;
    const es_table *t;
    int index;                       /* the table's number, from 1 */
    const char *text;                /* the view */
    const es_table_cell **grid;      /* nrows x ncols, NULL where no cell */
    cell_class *cls;                 /* per cell of t->cells */
    quantity *figures;               /* per cell, for CELL_FIGURE */
    unsigned first_heading;          /* rows above it are the table's caption */
    unsigned heading_rows, label_cols;
    int unit_row;                    /* a heading row naming each column's unit, -1 for none */
    char table_unit[32];             /* the unit a caption gives (单位：万元), "" for none */
    double table_scale;
    column *cols;
    int unit_col;                    /* -1 when none */
} reader;

static int unit_note(const vocab *v, const char *s, size_t n, char *unit, size_t cap, double *scale);

static const es_table_cell *at(const reader *r, unsigned row, unsigned col)
{
    return r->grid[(size_t)row * r->t->ncols + col];
}

static size_t cell_index(const reader *r, const es_table_cell *c) { return (size_t)(c - r->t->cells); }

/* The cell's text without blanks around it. */
static void cell_span(const reader *r, const es_table_cell *c, size_t *start, size_t *end)
{
    size_t s = c->start, e = c->end, n;
    while (s < e && (n = es_blank_len(r->text + s, e - s)) > 0)
        s += n;
    while (e > s && (n = es_blank_before_len(r->text + s, e - s)) > 0)
        e -= n;
    *start = s;
    *end = e;
}

/* Cells that say there is no figure: / - — … */
static int is_placeholder(const char *s, size_t n)
{
    static const char *const marks[] = { "/", "-", "—", "——", "…", "--", "*", "x", "X", "无" };
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (n == strlen(marks[k]) && memcmp(s, marks[k], n) == 0)
            return 1;
    return 0;
}

static void classify_cells(reader *r)
{
    for (size_t k = 0; k < r->t->ncells; k++) {
        size_t s, e;
        cell_span(r, &r->t->cells[k], &s, &e);
        if (s == e || is_placeholder(r->text + s, e - s))
            r->cls[k] = CELL_EMPTY;
        else if (quantity_read_cell(r->v, r->text, s, e, &r->figures[k]))
            r->cls[k] = CELL_FIGURE;
        else
            r->cls[k] = CELL_TEXT;
    }
}

/* Years a table may list down a column, one a row. */
#define FIRST_YEAR 1949
#define LAST_YEAR 2100

static int plain_year(const quantity *q)
{
    return !q->has_hi && q->value >= FIRST_YEAR && q->value <= LAST_YEAR && q->value == (double)(long)q->value &&
           (q->unit[0] == '\0' || strcmp(q->unit, "年") == 0);
}

/* A series down the years (年份 | 幼儿园数 | 在园幼儿, one row a year) lists
 * its years as numbers in its first column of numbers: when every number
 * in that column is a year, each a different one, they are the rows'
 * labels, not figures. */
static void years_as_labels(reader *r)
{
    for (unsigned c = 0; c < r->t->ncols; c++) {
        size_t years = 0, figures = 0;
        double last = 0;
        int distinct = 1;
        for (unsigned row = 0; row < r->t->nrows; row++) {
            const es_table_cell *cell = at(r, row, c);
            if (!cell || cell->row != row || cell->col != c || r->cls[cell_index(r, cell)] != CELL_FIGURE)
                continue;
            const quantity *q = &r->figures[cell_index(r, cell)];
            figures++;
            years += (size_t)plain_year(q);
            distinct = distinct && (years < 2 || q->value != last);
            last = q->value;
        }
        if (figures == 0)
            continue;
        if (years == figures && years >= 2 && distinct)
            for (unsigned row = 0; row < r->t->nrows; row++) {
                const es_table_cell *cell = at(r, row, c);
                if (cell && cell->row == row && cell->col == c && r->cls[cell_index(r, cell)] == CELL_FIGURE)
                    r->cls[cell_index(r, cell)] = CELL_TEXT;
            }
        return;   /* only the first column with numbers */
    }
}

static int row_has(const reader *r, unsigned row, unsigned from_col, cell_class cls)
{
    for (unsigned c = from_col; c < r->t->ncols; c++) {
        const es_table_cell *cell = at(r, row, c);
        if (cell && r->cls[cell_index(r, cell)] == cls)
            return 1;
    }
    return 0;
}

/* Whether a cell reads as a label: short, and no sentence. */
static int label_like(const reader *r, const es_table_cell *c)
{
    size_t s, e;
    cell_span(r, c, &s, &e);
    if (es_u8_count(r->text + s, e - s) > MAX_LABEL_CHARS)
        return 0;
    for (size_t p = s; p < e; p += es_u8_len(r->text + p))
        if (es_clause_mark_len(r->text, p, e) && memcmp(r->text + p, "、", 3) != 0)
            return 0;
    return 1;
}

/* Whether every column past the first has a cell with text: a heading
 * row names them all, a row of a group or of a parent (一、普及水平) only
 * its first. */
static int fills_columns(const reader *r, unsigned row)
{
    for (unsigned c = 1; c < r->t->ncols; c++) {
        const es_table_cell *cell = at(r, row, c);
        if (!cell || (r->cls[cell_index(r, cell)] == CELL_EMPTY && cell->row == row))
            return 0;
    }
    return 1;
}

/* The unit a note gives the whole table (单位：万元, （单位：亿元）):
 * fills unit and scale when the text holds one. */
static int unit_line(const reader *r, size_t s, size_t e, char *unit, size_t cap, double *scale)
{
    const vocab_word *w;
    size_t at = vocab_find(r->v, ROLE_COLUMN_UNIT, r->text, s, e, &w);
    if (at == (size_t)-1)
        return 0;
    at += w->len;
    if (at < e && r->text[at] == ':')
        at++;
    else if (e - at >= 3 && memcmp(r->text + at, "：", 3) == 0)
        at += 3;
    else
        return 0;
    while (at < e && r->text[at] == ' ')
        at++;
    size_t end = at;
    while (end < e && r->text[end] != ')' && r->text[end] != ' ' && r->text[end] != ',' &&
           !(e - end >= 3 && (memcmp(r->text + end, "）", 3) == 0 || memcmp(r->text + end, "、", 3) == 0)))
        end += es_u8_len(r->text + end);
    if (end > e)
        end = e;
    if (end < e && (r->text[end] == ',' || (e - end >= 3 && memcmp(r->text + end, "、", 3) == 0)))
        return 0;   /* 单位：人、%: units of different rows, which say their own */
    return end > at && unit_note(r->v, r->text + at, end - at, unit, cap, scale);
}

/* Whether the row is the table's caption, above its headings and naming
 * no column: one text cell and no other, merged across the table (the
 * title, 某县2022—2023年教育事业发展主要指标, as a workbook writes it), or
 * in a table of three columns or more, whose headings name every column
 * (a title left unmerged, a note 单位：万元 set to the right); or a row
 * with nothing in it. A unit note gives the table's unit. */
static int caption_row(reader *r, unsigned row)
{
    const es_table_cell *only = NULL;
    for (unsigned c = 0; c < r->t->ncols; c++) {
        const es_table_cell *cell = at(r, row, c);
        if (!cell || r->cls[cell_index(r, cell)] == CELL_EMPTY || cell == only)
            continue;
        if (only || cell->row != row || r->cls[cell_index(r, cell)] != CELL_TEXT)
            return 0;
        only = cell;
    }
    if (!only)
        return 1;
    size_t s, e;
    cell_span(r, only, &s, &e);
    double scale;
    char unit[32];
    int note = unit_line(r, s, e, unit, sizeof unit, &scale);
    if (!(r->t->ncols > 1 && (only->colspan >= r->t->ncols || r->t->ncols >= 3 || note)))
        return 0;
    if (note && !r->table_unit[0]) {
        snprintf(r->table_unit, sizeof r->table_unit, "%s", unit);
        r->table_scale = scale;
    }
    return 1;
}

/* Headings are the leading rows without figures that name every column,
 * below a caption; in a table with no figure cells (a table of tasks and
 * their progress), the first row when it holds labels. */
static void find_headings(reader *r)
{
    unsigned row = 0;
    int figures = 0;
    for (unsigned k = 0; k < r->t->nrows && !figures; k++)
        figures = row_has(r, k, 0, CELL_FIGURE);
    while (row + 1 < r->t->nrows && caption_row(r, row))
        row++;
    unsigned first = row;
    while (row < r->t->nrows && row - first < MAX_HEADING_ROWS) {
        if (figures ? row_has(r, row, 0, CELL_FIGURE) : 0)
            break;
        int labels = fills_columns(r, row);
        for (unsigned c = 0; c < r->t->ncols && labels; c++) {
            const es_table_cell *cell = at(r, row, c);
            labels = !cell || r->cls[cell_index(r, cell)] != CELL_TEXT || label_like(r, cell);
        }
        if (!labels)
            break;
        row++;
        if (!figures)
            break;   /* without figures to tell them apart, one row heads */
    }
    r->first_heading = row < r->t->nrows ? first : 0;
    r->heading_rows = row < r->t->nrows ? row : 0;
    unsigned col = 0;
    while (col < r->t->ncols) {
        int has = 0;
        for (unsigned k = r->heading_rows; k < r->t->nrows && !has; k++) {
            const es_table_cell *cell = at(r, k, col);
            has = cell && r->cls[cell_index(r, cell)] == CELL_FIGURE;
        }
        if (has)
            break;
        col++;
    }
    r->label_cols = figures ? col : r->t->ncols;
}

/* The text of the cells covering (rows, col), top to bottom, each once. */
static void join_cells(const reader *r, unsigned first_row, unsigned last_row, unsigned first_col,
                       unsigned last_col, int by_row, es_buf *out)
{
    const es_table_cell *seen[8] = { NULL };
    size_t nseen = 0;
    unsigned n = by_row ? last_col - first_col : last_row - first_row;
    for (unsigned k = 0; k < n; k++) {
        const es_table_cell *c = by_row ? at(r, first_row, first_col + k) : at(r, first_row + k, first_col);
        int dup = !c;
        for (size_t i = 0; i < nseen && !dup; i++)
            dup = seen[i] == c;
        if (dup)
            continue;
        if (nseen < sizeof seen / sizeof *seen)
            seen[nseen++] = c;
        size_t s, e;
        cell_span(r, c, &s, &e);
        if (!is_placeholder(r->text + s, e - s))
            es_buf_append(out, r->text + s, e - s);
    }
}

/* A unit note: the text of a bracket ((%), (万人), (年)) that is a unit,
 * with or without a scale word. Fills unit and scale; 0 when it is none. */
static int unit_note(const vocab *v, const char *s, size_t n, char *unit, size_t cap, double *scale)
{
    *scale = 1;
    size_t at = 0;
    if (n >= 3 && memcmp(s, "万", 3) == 0)
        *scale = 1e4, at = 3;
    else if (n >= 3 && memcmp(s, "亿", 3) == 0)
        *scale = 1e8, at = 3;
    else if (n >= 3 && memcmp(s, "千", 3) == 0 && n > 3)
        *scale = 1e3, at = 3;
    if (at == n) {
        unit[0] = '\0';
        return at > 0;
    }
    const vocab_word *w = vocab_match_at(v, ROLE_UNIT, s, at, n);
    if (!w || at + w->len != n)
        return 0;
    if (w->role == ROLE_UNIT_REJECT && strcmp(w->text, "年") != 0)
        return 0;
    snprintf(unit, cap, "%s", w->arg[0] ? w->arg : w->text);
    return 1;
}

/* Removes a trailing bracket holding a unit from text (学前教育毛入园率(%)),
 * keeping the unit. */
static void take_unit_note(const vocab *v, es_buf *text, char *unit, size_t cap, double *scale)
{
    if (text->len < 2 || text->data[text->len - 1] != ')')
        return;
    size_t open = text->len - 1;
    while (open > 0 && text->data[open] != '(')
        open--;
    if (text->data[open] != '(')
        return;
    char note[32];
    double sc;
    if (!unit_note(v, text->data + open + 1, text->len - open - 2, note, sizeof note, &sc))
        return;
    snprintf(unit, cap, "%s", note);
    *scale = sc;
    text->len = open;
    text->data[open] = '\0';
}

/* Length of a numbering marker opening s: 1. 1、 一、 (一) (1) 1) */
static size_t numbering_len(const char *s, size_t n)
{
    size_t at = 0;
    int paren = n > 0 && s[0] == '(';
    at += (size_t)paren;
    size_t digits = at;
    while (digits < n && es_is_digit(s[digits]))
        digits++;
    size_t end = digits;
    if (digits == at)
        while (end < n && ((unsigned char)s[end] & 0x80) && es_is_cn_numeral(es_u8_cp(s + end)))
            end += es_u8_len(s + end);
    if (end == at)
        return 0;
    if (paren)
        return end < n && s[end] == ')' ? end + 1 : 0;
    if (end < n && (s[end] == '.' || s[end] == ')'))
        return end + 1 < n && es_is_digit(s[end + 1]) ? 0 : end + 1;
    if (n - end >= 3 && memcmp(s + end, "、", 3) == 0)
        return end + 3;
    return 0;
}

/* Words of a heading other than a year, a kind word and a unit note. */
static void heading_measure(const reader *r, column *col, const char *h, size_t n)
{
    es_buf text = { 0 };
    es_buf_append(&text, h, n);
    if (!text.data)
        es_buf_puts(&text, "");
    take_unit_note(r->v, &text, col->unit, sizeof col->unit, &col->scale);
    /* Keep the measure only when no kind, year or label word is part of it. */
    size_t len = text.len;
    int plain = len > 0 && years_named_last(r->v, text.data, 0, len) == 0 &&
                vocab_find(r->v, ROLE_COLUMN_TARGET, text.data, 0, len, NULL) == (size_t)-1 &&
                vocab_find(r->v, ROLE_COLUMN_ACTUAL, text.data, 0, len, NULL) == (size_t)-1 &&
                vocab_find(r->v, ROLE_COLUMN_CHANGE, text.data, 0, len, NULL) == (size_t)-1 &&
                !vocab_match_at(r->v, ROLE_COLUMN_LABEL, text.data, 0, len) &&
                !es_is_digit(text.data[0]);
    if (plain)
        col->measure = es_buf_take(&text, NULL);
    else
        es_buf_free(&text);
}

/* The kind of a figure of `year`, against the document's: a plan's table
 * sets goals for its own year and after; a report's gives results up to
 * its year. 0 when either year is unknown. */
static int kind_of_year(const reader *r, int year, es_ind_kind *kind)
{
    if (year <= 0 || r->in->doc_year <= 0)
        return 0;
    int plan = r->in->doc_kind && strcmp(r->in->doc_kind, ES_KIND_PLAN) == 0;
    *kind = year > r->in->doc_year || (plan && year == r->in->doc_year) ? ES_IND_TARGET : ES_IND_ACTUAL;
    return 1;
}

/* The kind a heading gives its column: its words, else its year against
 * the document's. */
static void heading_kind(const reader *r, column *col, const char *h, size_t n)
{
    const vocab *v = r->v;
    col->year = years_named_last(v, h, 0, n);
    col->year_named = col->year > 0;
    if (col->year < 0)
        col->year = r->in->doc_year;
    col->kind_known = col->kind_named = 1;
    if (vocab_find(v, ROLE_COLUMN_CHANGE, h, 0, n, NULL) != (size_t)-1)
        col->kind = ES_IND_CHANGE;
    else if (vocab_find(v, ROLE_COLUMN_TARGET, h, 0, n, NULL) != (size_t)-1)
        col->kind = ES_IND_TARGET;
    else if (vocab_find(v, ROLE_COLUMN_ACTUAL, h, 0, n, NULL) != (size_t)-1)
        col->kind = ES_IND_ACTUAL;
    else {
        col->kind_named = 0;
        col->kind_known = kind_of_year(r, col->year, &col->kind);
    }
}

/* The unit a cell of a unit row names: 所, 万人, (%) */
static int unit_cell(const reader *r, const es_table_cell *c, char *unit, size_t cap, double *scale)
{
    size_t s, e;
    cell_span(r, c, &s, &e);
    if (e - s >= 2 && r->text[s] == '(' && r->text[e - 1] == ')')
        s++, e--;
    return s < e && unit_note(r->v, r->text + s, e - s, unit, cap, scale);
}

/* A heading row that names each column's unit (单位 | 所 | 所 | 人 | %)
 * under the headings that name the measures: its cells are units, and
 * over the labels empty or a word for unit. */
static void find_unit_row(reader *r)
{
    r->unit_row = -1;
    for (unsigned row = r->first_heading; row < r->heading_rows; row++) {
        int units = 0, other = 0;
        for (unsigned c = 0; c < r->t->ncols; c++) {
            const es_table_cell *cell = at(r, row, c);
            if (!cell || cell->row != row || cell->col != c || r->cls[cell_index(r, cell)] == CELL_EMPTY)
                continue;
            size_t s, e;
            cell_span(r, cell, &s, &e);
            char unit[32];
            double scale;
            const vocab_word *w;
            if (c < r->label_cols)
                other += !((w = vocab_match_at(r->v, ROLE_COLUMN_UNIT, r->text, s, e)) && s + w->len == e);
            else if (unit_cell(r, cell, unit, sizeof unit, &scale))
                units++;
            else
                other++;
        }
        if (units > 0 && other == 0) {
            r->unit_row = (int)row;
            return;
        }
    }
}

/* A column's heading: its heading rows' cells top to bottom, each once and
 * the unit row aside; a school level under a measure goes before it, as
 * the measure is said (学校数 over 小学: 小学学校数). */
static void heading_text(const reader *r, unsigned col, es_buf *out)
{
    const es_table_cell *prev = NULL;
    for (unsigned row = r->first_heading; row < r->heading_rows; row++) {
        const es_table_cell *c = at(r, row, col);
        if (!c || c == prev || (int)row == r->unit_row)
            continue;
        prev = c;
        size_t s, e;
        cell_span(r, c, &s, &e);
        if (s == e || is_placeholder(r->text + s, e - s))
            continue;
        const vocab_word *level = vocab_match_at(r->v, ROLE_LEVEL, r->text, s, e);
        if (out->len > 0 && level && s + level->len == e) {
            es_buf b = { 0 };
            es_buf_append(&b, r->text + s, e - s);
            es_buf_append(&b, out->data, out->len);
            es_buf_free(out);
            *out = b;
        } else {
            es_buf_append(out, r->text + s, e - s);
        }
    }
}

static void read_headings(reader *r)
{
    r->unit_col = -1;
    find_unit_row(r);
    for (unsigned c = 0; c < r->t->ncols; c++) {
        column *col = &r->cols[c];
        col->scale = 1;
        if (r->heading_rows == r->first_heading)
            continue;
        es_buf h = { 0 };
        heading_text(r, c, &h);
        if (h.len) {
            if (vocab_match_at(r->v, ROLE_COLUMN_UNIT, h.data, 0, h.len) &&
                vocab_match_at(r->v, ROLE_COLUMN_UNIT, h.data, 0, h.len)->len == h.len) {
                col->is_unit = 1;
                r->unit_col = (int)c;
            }
            heading_kind(r, col, h.data, h.len);
            if (c >= r->label_cols)
                heading_measure(r, col, h.data, h.len);
        }
        es_buf_free(&h);
        const es_table_cell *u = r->unit_row >= 0 ? at(r, (unsigned)r->unit_row, c) : NULL;
        if (c >= r->label_cols && u && !col->unit[0])
            unit_cell(r, u, col->unit, sizeof col->unit, &col->scale);
    }
}

/* A row's label, cleaned: numbering and 其中 gone, a unit note taken. */
typedef struct row_label {
    char *text;          /* owned, "" for none */
    int numbered;        /* it opened with a numbering marker */
    int part;            /* it opened with 其中: a part of the row before */
    char unit[32];
    double scale;
    int year;            /* the label is a year (2021, 2021年): the row's; 0 for none */
} row_label;

/* The year a label is and nothing else (2021, 2021年, 2021年度), or 0. */
static int year_alone(const char *s, size_t n)
{
    if (n < 4 || !es_is_digit(s[0]) || !es_is_digit(s[1]) || !es_is_digit(s[2]) || !es_is_digit(s[3]))
        return 0;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (year < FIRST_YEAR || year > LAST_YEAR)
        return 0;
    const char *rest = s + 4;
    size_t left = n - 4;
    if (left == 0 || (left == 3 && memcmp(rest, "年", 3) == 0) || (left == 6 && memcmp(rest, "年度", 6) == 0))
        return year;
    return 0;
}

static void read_row_label(const reader *r, unsigned row, row_label *out)
{
    es_buf b = { 0 };
    for (unsigned c = 0; c < r->label_cols; c++)
        if (!r->cols[c].is_unit && (c == 0 || at(r, row, c) != at(r, row, c - 1)))
            join_cells(r, row, row, c, c + 1, 1, &b);
    es_buf clean = { 0 };
    size_t at = 0;
    while (at < b.len && b.data[at] == ' ')
        at++;
    size_t num = numbering_len(b.data ? b.data + at : "", b.len - at);
    out->numbered = num > 0;
    at += num;
    const vocab_word *part = b.len > at ? vocab_match_at(r->v, ROLE_BREAKDOWN, b.data, at, b.len) : NULL;
    out->part = part != NULL;
    if (part) {
        at += part->len;
        while (at < b.len && (b.data[at] == ':' || b.data[at] == ' '))
            at++;
    }
    for (; at < b.len; at++)
        if (b.data[at] != ' ')
            es_buf_putc(&clean, b.data[at]);
    if (!clean.data)
        es_buf_puts(&clean, "");
    out->unit[0] = '\0';
    out->scale = 1;
    take_unit_note(r->v, &clean, out->unit, sizeof out->unit, &out->scale);
    out->year = year_alone(clean.data, clean.len);
    if (out->year) {
        clean.len = 0;
        clean.data[0] = '\0';
    }
    out->text = es_buf_take(&clean, NULL);
    es_buf_free(&b);
}

/* Where the subject of a parent row ends (幼儿教师|专科及以上学历比例):
 * after its last subject noun; 0 when it has none. */
static size_t subject_end(const vocab *v, const char *s)
{
    size_t len = strlen(s), end = 0, at = 0;
    const vocab_word *w;
    while (at < len) {
        size_t hit = vocab_find(v, ROLE_SUBJECT_HEAD, s, at, len, &w);
        if (hit == (size_t)-1)
            break;
        if (hit + w->len < len)
            end = hit + w->len;
        at = hit + w->len;
    }
    return end;
}

/* The metric of a part row (其中:小学 under 义务教育标准班额比例, 其中:本科
 * 及以上学历比例 under 幼儿教师专科及以上学历比例): a school level takes
 * the place of the parent's, a measure follows the parent's subject. */
static char *part_metric(const vocab *v, const char *parent, const char *part)
{
    es_buf b = { 0 };
    size_t plen = strlen(parent), n = strlen(part);
    const vocab_word *level = vocab_match_at(v, ROLE_LEVEL, part, 0, n);
    if (level && level->len == n) {
        const vocab_word *own = vocab_match_at(v, ROLE_LEVEL, parent, 0, plen);
        es_buf_puts(&b, part);
        es_buf_puts(&b, parent + (own ? own->len : 0));
    } else {
        es_buf_append(&b, parent, subject_end(v, parent));
        es_buf_puts(&b, part);
    }
    return es_buf_take(&b, NULL);
}

static char *cell_metric(const column *col, const char *label)
{
    es_buf b = { 0 };
    es_buf_puts(&b, label);
    if (col->measure)
        es_buf_puts(&b, col->measure);
    if (!b.data)
        es_buf_puts(&b, "");
    return es_buf_take(&b, NULL);
}

/* The unit a row's unit column names, "" for none. */
static void unit_of_row(const reader *r, unsigned row, char *unit, size_t cap, double *scale)
{
    unit[0] = '\0';
    *scale = 1;
    if (r->unit_col < 0)
        return;
    const es_table_cell *c = at(r, row, (unsigned)r->unit_col);
    if (!c)
        return;
    size_t s, e;
    cell_span(r, c, &s, &e);
    if (!unit_note(r->v, r->text + s, e - s, unit, cap, scale))
        unit[0] = '\0';
}

/* The kind of a figure whose column says none: a plan's are goals. */
static es_ind_kind default_kind(const reader *r)
{
    return r->in->doc_kind && strcmp(r->in->doc_kind, ES_KIND_PLAN) == 0 ? ES_IND_TARGET : ES_IND_ACTUAL;
}

static void emit_figure(reader *r, unsigned row, unsigned col, const es_table_cell *cell, const char *metric,
                        const row_label *label, es_indicator_list *out)
{
    const quantity *q = &r->figures[cell_index(r, cell)];
    const column *c = &r->cols[col];
    char unit[32];
    double scale = 1;
    snprintf(unit, sizeof unit, "%s", q->unit);
    if (!unit[0]) {
        unit_of_row(r, row, unit, sizeof unit, &scale);
        if (!unit[0] && scale == 1) {
            snprintf(unit, sizeof unit, "%s", label->unit[0] ? label->unit : c->unit);
            scale = label->unit[0] || label->scale != 1 ? label->scale : c->scale;
        }
        if (!unit[0] && scale == 1) {
            snprintf(unit, sizeof unit, "%s", r->table_unit);
            scale = r->table_scale;
        }
    }
    es_indicator *ind = indicator_push(out);
    es_view_to_raw(r->in->view, q->span_start, q->span_end, &ind->start, &ind->end);
    long sent = es_structure_sentence_at(r->in->st, cell->start);
    ind->sentence = sent >= 0 ? (size_t)sent : (size_t)-1;
    ind->value = q->value * scale;
    ind->value_hi = q->value_hi * scale;
    ind->has_hi = q->has_hi;
    es_ind_kind row_kind;
    if (!c->kind_named && !c->year_named && label->year > 0 && kind_of_year(r, label->year, &row_kind))
        ind->kind = row_kind;
    else
        ind->kind = c->kind_known ? c->kind : default_kind(r);
    memcpy(ind->cmp, q->cmp, sizeof ind->cmp);
    snprintf(ind->unit, sizeof ind->unit, "%s", unit);
    ind->metric = es_xstrdup(metric);
    ind->year = !c->year_named && label->year > 0 ? label->year : c->year > 0 ? c->year : 0;
    ind->table = r->index;
    ind->row = row;
    ind->col = col;
    ind->sheet = r->t->sheet ? es_xstrdup(r->t->sheet) : NULL;
}

/* A cell holding sentences: each piece of a sentence in it is read with
 * the kind its column gives. */
static void read_prose(reader *r, const es_table_cell *cell, unsigned row, unsigned col, es_indicator_list *out)
{
    const es_structure *st = r->in->st;
    size_t s, e;
    cell_span(r, cell, &s, &e);
    const column *c = &r->cols[col];
    size_t first = out->n;
    for (size_t k = 0; k < st->nsentences; k++) {
        const es_sentence *sent = &st->sentences[k];
        if (sent->end <= s || sent->start >= e)
            continue;
        const part *p = &r->parts[sent->paragraph];
        scan_span sp = {
            .sentence = k,
            .start = sent->start > s ? sent->start : s,
            .end = sent->end < e ? sent->end : e,
            .zone = !c->kind_known ? p->zone : c->kind == ES_IND_TARGET ? ZONE_TARGET : ZONE_ACTUAL,
            .column = c->kind_known,
            .part_year = c->year > 0 ? c->year : p->year,
            .span_first = c->year > 0 ? 0 : p->span_first, .span_last = c->year > 0 ? 0 : p->span_last,
        };
        sp.clause_floor = sp.start;
        scan_stretch(r->ex, r->in, &sp, out);
    }
    for (size_t k = first; k < out->n; k++) {
        out->items[k].table = r->index;
        out->items[k].row = row;
        out->items[k].col = col;
        out->items[k].sheet = r->t->sheet ? es_xstrdup(r->t->sheet) : NULL;
    }
}

/* A caption is a short line right above the table. */
#define MAX_CAPTION_CHARS 40

/* The subject a table's caption names (2024-2025年全市基础教育情况表:
 * 全市基础教育), owned; "" when the line above is no caption. */
static char *caption_subject(const reader *r)
{
    const char *t = r->text;
    size_t end = r->t->start;
    while (end > 0 && (t[end - 1] == '\n' || t[end - 1] == ' '))
        end--;
    size_t start = end;
    while (start > 0 && t[start - 1] != '\n')
        start--;
    if (end == start || es_u8_count(t + start, end - start) > MAX_CAPTION_CHARS ||
        (end - start >= 3 && memcmp(t + end - 3, "。", 3) == 0) || t[end - 1] == ';' || t[end - 1] == ':')
        return es_xstrdup("");
    /* The years it covers, then the words that make it a table's title. */
    for (;;) {
        size_t was = start;
        while (start < end && (es_is_digit(t[start]) || t[start] == '-' || t[start] == ' ' || t[start] == '~'))
            start++;
        static const char *const skip[] = { "年度", "学年", "年", "—", "至", "表" };
        for (size_t k = 0; k < sizeof skip / sizeof *skip; k++) {
            size_t n = strlen(skip[k]);
            if (start > was && end - start >= n && memcmp(t + start, skip[k], n) == 0) {
                start += n;
                break;
            }
        }
        if (start == was)
            break;
    }
    const vocab_word *w;
    while (end > start && (w = vocab_match_before(r->v, ROLE_CAPTION_TAIL, t, start, end)) != NULL)
        end -= w->len;
    if (end - start >= 3 && memcmp(t + end - 3, "的", 3) == 0)
        end -= 3;
    for (size_t at = start; at < end; at += es_u8_len(t + at))
        if (es_clause_mark_len(t, at, end) || es_is_digit(t[at]))
            return es_xstrdup("");   /* a sentence, or more than a subject */
    return es_xstrndup(t + start, end - start);
}

static void read_rows(reader *r, es_indicator_list *out)
{
    char *parent = NULL;   /* label of the last numbered row: what 其中 rows are parts of */
    int in_parts = 0;
    for (unsigned row = r->heading_rows; row < r->t->nrows; row++) {
        row_label label = { .text = es_xstrdup(""), .scale = 1 };
        if (r->label_cols < r->t->ncols) {
            free(label.text);
            read_row_label(r, row, &label);
        }
        if (label.part || (in_parts && !label.numbered && label.text[0]))
            in_parts = parent != NULL;
        else
            in_parts = 0;
        char *name;
        const vocab_word *total = vocab_match_at(r->v, ROLE_TOTAL_ROW, label.text, 0, strlen(label.text));
        if (in_parts)
            name = part_metric(r->v, parent, label.text);
        else if (total && total->len == strlen(label.text))
            name = caption_subject(r);   /* 总计: the whole the table is about */
        else
            name = es_xstrdup(label.text);
        if (!in_parts && label.text[0]) {
            free(parent);
            parent = es_xstrdup(label.text);
        }
        for (unsigned col = 0; col < r->t->ncols; col++) {
            const es_table_cell *cell = at(r, row, col);
            if (!cell || cell->row != row || cell->col != col)
                continue;   /* none, or a merged cell read where it starts */
            cell_class cls = r->cls[cell_index(r, cell)];
            if (cls == CELL_FIGURE && col >= r->label_cols) {
                char *metric = cell_metric(&r->cols[col], name);
                emit_figure(r, row, col, cell, metric, &label, out);
                free(metric);
            } else if (cls == CELL_TEXT && (col >= r->label_cols || r->label_cols == r->t->ncols) &&
                       !r->cols[col].is_unit) {
                read_prose(r, cell, row, col, out);
            }
        }
        free(name);
        free(label.text);
    }
    free(parent);
}

static int build_grid(reader *r)
{
    const es_table *t = r->t;
    if (t->nrows == 0 || t->ncols == 0 || (size_t)t->nrows * t->ncols > MAX_POSITIONS)
        return 0;
    r->grid = es_xcalloc((size_t)t->nrows * t->ncols, sizeof *r->grid);
    for (size_t k = 0; k < t->ncells; k++) {
        const es_table_cell *c = &t->cells[k];
        for (unsigned i = c->row; i < c->row + c->rowspan && i < t->nrows; i++)
            for (unsigned j = c->col; j < c->col + c->colspan && j < t->ncols; j++)
                r->grid[(size_t)i * t->ncols + j] = c;
    }
    return 1;
}

/* Lines the text may set just above a table, its title and a unit note
 * (表1 … / 单位：万元), looked at for the table's unit. */
#define LINES_ABOVE 2

/* A unit note in the lines just above the table, when its caption gave
 * none: a Word or web page sets it as a paragraph before the table. */
static void unit_above(reader *r)
{
    size_t end = r->t->start;
    for (int k = 0; k < LINES_ABOVE && end > 0 && !r->table_unit[0]; k++) {
        while (end > 0 && (r->text[end - 1] == '\n' || r->text[end - 1] == ' '))
            end--;
        size_t start = end;
        while (start > 0 && r->text[start - 1] != '\n')
            start--;
        if (start == end)
            return;
        char unit[32];
        double scale;
        if (unit_line(r, start, end, unit, sizeof unit, &scale)) {
            snprintf(r->table_unit, sizeof r->table_unit, "%s", unit);
            r->table_scale = scale;
        }
        end = start;
    }
}

void table_read(const es_extractor *ex, const es_extract_input *in, const part *parts, const es_table *t,
                int index, es_indicator_list *out)
{
    reader r = {
        .ex = ex, .v = &ex->words, .in = in, .parts = parts, .t = t, .index = index, .text = in->view->text,
        .table_scale = 1,
    };
    if (!build_grid(&r))
        return;
    r.cls = es_xcalloc(t->ncells ? t->ncells : 1, sizeof *r.cls);
    r.figures = es_xcalloc(t->ncells ? t->ncells : 1, sizeof *r.figures);
    r.cols = es_xcalloc(t->ncols, sizeof *r.cols);
    classify_cells(&r);
    years_as_labels(&r);
    find_headings(&r);
    unit_above(&r);
    read_headings(&r);
    read_rows(&r, out);
    for (unsigned c = 0; c < t->ncols; c++)
        free(r.cols[c].measure);
    free(r.cols);
    free(r.figures);
    free(r.cls);
    free(r.grid);
}
