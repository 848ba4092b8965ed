/* Tables as readers find them (an HTML <table>, a Word table, a sheet of a
 * workbook) or as a later stage recognises them in plain text: cells in
 * rows and columns, each cell a span of the source's raw text, so that a
 * figure read from a cell points at its exact characters. Merged cells
 * keep their span; the cells they cover are not listed again. */
#ifndef EDUSHELL_SOURCE_TABLE_H
#define EDUSHELL_SOURCE_TABLE_H

#include <stddef.h>

typedef struct es_table_cell {
    size_t start, end;          /* raw byte span of the cell's text, blanks trimmed (may be empty) */
    unsigned row, col;          /* its top-left corner, from 0 */
    unsigned rowspan, colspan;  /* 1 and 1 for a cell that is not merged */
} es_table_cell;

typedef struct es_table {
    size_t start, end;          /* raw span of the whole table */
    char *sheet;                /* owned: the workbook sheet's name, NULL for other tables */
    unsigned nrows, ncols;
    es_table_cell *cells;       /* owned, in row order, then column order */
    size_t ncells, cap;
} es_table;

typedef struct es_table_list {
    es_table *items;
    size_t n, cap;
} es_table_list;

/* Starts a table in `list` and returns it (owned by the list). */
es_table *es_table_list_add(es_table_list *list, size_t start, const char *sheet);

/* Appends a cell to the table, growing nrows and ncols to hold it. */
void es_table_add_cell(es_table *t, size_t start, size_t end, unsigned row, unsigned col,
                       unsigned rowspan, unsigned colspan);

/* The cell covering (row, col), merged cells included, or NULL. */
const es_table_cell *es_table_cell_at(const es_table *t, unsigned row, unsigned col);

void es_table_list_free(es_table_list *list);

#endif
