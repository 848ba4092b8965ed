/* A table's cells, collected and then written into the flow (grid.h). */
#include "grid.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/uchar.h"

void grid_init(grid *g)
{
    memset(g, 0, sizeof *g);
}

void grid_free(grid *g)
{
    for (size_t k = 0; k < g->n; k++)
        free(g->cells[k].text);
    free(g->cells);
    free(g->free_from);
    memset(g, 0, sizeof *g);
}

/* One line, blanks at both ends trimmed: a cell's text is one field of a
 * tab-separated row. */
static char *one_line(char *text, size_t len, size_t *out_len)
{
    char *joined = flow_join_lines(text ? text : "", text ? len : 0, out_len);
    free(text);
    for (size_t i = 0; i < *out_len; i++)
        if (joined[i] == '\t')
            joined[i] = ' ';
    size_t a = 0, b = *out_len, w;
    while (a < b && (w = es_blank_len(joined + a, b - a)) > 0)
        a += w;
    while (b > a && (w = es_blank_before_len(joined + a, b - a)) > 0)
        b -= w;
    memmove(joined, joined + a, b - a);
    joined[b - a] = '\0';
    *out_len = b - a;
    return joined;
}

static unsigned clamp_span(unsigned start, unsigned span, unsigned max)
{
    if (span == 0)
        span = 1;
    if (start >= max)
        return 1;
    return span > max - start ? max - start : span;
}

grid_cell *grid_add(grid *g, unsigned row, unsigned col, unsigned rowspan, unsigned colspan,
                    char *text, size_t len)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 32;
        g->cells = es_xrealloc(g->cells, g->cap * sizeof *g->cells);
    }
    grid_cell *c = &g->cells[g->n++];
    c->row = row < GRID_MAX_ROWS ? row : GRID_MAX_ROWS - 1;
    c->col = col < GRID_MAX_COLS ? col : GRID_MAX_COLS - 1;
    c->rowspan = clamp_span(c->row, rowspan, GRID_MAX_ROWS);
    c->colspan = clamp_span(c->col, colspan, GRID_MAX_COLS);
    c->text = one_line(text, len, &c->len);
    return c;
}

static void mark_spanned(grid *g, unsigned row, unsigned col, unsigned rowspan, unsigned colspan)
{
    if (col + colspan > g->ncols_seen) {
        unsigned n = col + colspan;
        g->free_from = es_xrealloc(g->free_from, n * sizeof *g->free_from);
        memset(g->free_from + g->ncols_seen, 0, (n - g->ncols_seen) * sizeof *g->free_from);
        g->ncols_seen = n;
    }
    for (unsigned c = col; c < col + colspan; c++)
        if (g->free_from[c] < row + rowspan)
            g->free_from[c] = row + rowspan;
}

unsigned grid_place(grid *g, unsigned row, unsigned col_from, unsigned rowspan, unsigned colspan,
                    char *text, size_t len)
{
    unsigned col = col_from;
    while (col < g->ncols_seen && col < GRID_MAX_COLS - 1 && g->free_from[col] > row)
        col++;
    grid_cell *c = grid_add(g, row, col, rowspan, colspan, text, len);
    mark_spanned(g, c->row, c->col, c->rowspan, c->colspan);
    return c->col;
}

grid_cell *grid_cell_covering(grid *g, unsigned row, unsigned col)
{
    /* Readers ask about the rows just above the one they read: search from
     * the end. */
    for (size_t k = g->n; k-- > 0;) {
        grid_cell *c = &g->cells[k];
        if (row >= c->row && row - c->row < c->rowspan && col >= c->col && col - c->col < c->colspan)
            return c;
    }
    return NULL;
}

int grid_has_text(const grid *g)
{
    for (size_t k = 0; k < g->n; k++)
        if (g->cells[k].len > 0)
            return 1;
    return 0;
}

static int recorded(const grid_cell *c)
{
    return c->len > 0 || c->rowspan > 1 || c->colspan > 1;
}

static int by_place(const void *a, const void *b)
{
    const grid_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

/* Writes the cells of one row, cells[from, to), all recorded ones, onto
 * one line. */
static void write_row(const grid_cell *cells, size_t from, size_t to, flow *f, es_table *t)
{
    flow_start_line(f);
    unsigned col = 0;
    for (size_t k = from; k < to; k++) {
        const grid_cell *c = &cells[k];
        if (k > from && c->col == cells[k - 1].col)
            continue;   /* two cells claim one place: the first keeps it */
        for (; col < c->col; col++)
            flow_raw(f, "\t", 1);
        size_t start = f->out.len;
        flow_raw(f, c->text, c->len);
        es_table_add_cell(t, start, f->out.len, c->row, c->col, c->rowspan, c->colspan);
    }
    flow_line(f);
}

void grid_write(grid *g, flow *f, const char *sheet)
{
    size_t kept = 0;
    for (size_t k = 0; k < g->n; k++) {
        if (recorded(&g->cells[k])) {
            g->cells[kept++] = g->cells[k];
        } else {
            free(g->cells[k].text);
        }
    }
    g->n = kept;
    if (kept == 0)
        return;
    qsort(g->cells, g->n, sizeof *g->cells, by_place);
    es_table *t = es_table_list_add(&f->tables, flow_start_line(f), sheet);
    size_t from = 0;
    while (from < g->n) {
        size_t to = from + 1;
        while (to < g->n && g->cells[to].row == g->cells[from].row)
            to++;
        write_row(g->cells, from, to, f, t);
        t->end = f->out.len;
        from = to;
    }
    flow_line(f);
}
