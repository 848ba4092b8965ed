/* Building and reading tables of cells. */
#include "edushell/source/table.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"

es_table *es_table_list_add(es_table_list *list, size_t start, const char *sheet)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 4;
        list->items = es_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    es_table *t = &list->items[list->n++];
    memset(t, 0, sizeof *t);
    t->start = t->end = start;
    t->sheet = sheet ? es_xstrdup(sheet) : NULL;
    return t;
}

void es_table_add_cell(es_table *t, size_t start, size_t end, unsigned row, unsigned col,
                       unsigned rowspan, unsigned colspan)
{
    if (t->ncells == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 16;
        t->cells = es_xrealloc(t->cells, t->cap * sizeof *t->cells);
    }
    rowspan = rowspan ? rowspan : 1;
    colspan = colspan ? colspan : 1;
    t->cells[t->ncells++] = (es_table_cell){start, end, row, col, rowspan, colspan};
    if (row + rowspan > t->nrows)
        t->nrows = row + rowspan;
    if (col + colspan > t->ncols)
        t->ncols = col + colspan;
    if (end > t->end)
        t->end = end;
}

const es_table_cell *es_table_cell_at(const es_table *t, unsigned row, unsigned col)
{
    for (size_t k = 0; k < t->ncells; k++) {
        const es_table_cell *c = &t->cells[k];
        if (row >= c->row && row < c->row + c->rowspan && col >= c->col && col < c->col + c->colspan)
            return c;
    }
    return NULL;
}

void es_table_list_free(es_table_list *list)
{
    for (size_t k = 0; k < list->n; k++) {
        free(list->items[k].sheet);
        free(list->items[k].cells);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}
