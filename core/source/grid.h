/* A table's cells as a reader collects them, then written into the flow.
 *
 * Readers add cells with their text and their place in the table's grid
 * (merged cells with their spans); grid_write writes the table into the
 * text, one line per row that has content and one tab-separated field per
 * column up to the row's last cell, and records each cell's span in the
 * flow's table list. Cells that are empty and not merged are not recorded.
 * Private to the source stage. */
#ifndef EDUSHELL_SOURCE_GRID_H
#define EDUSHELL_SOURCE_GRID_H

#include <stddef.h>

#include "flow.h"

typedef struct grid_cell {
    unsigned row, col, rowspan, colspan;
    char *text;     /* owned, one line, blanks trimmed */
    size_t len;
} grid_cell;

typedef struct grid {
    grid_cell *cells;
    size_t n, cap;
    /* Placing cells the way HTML does: for each column, the first row
     * that a cell spanning down from above leaves free. */
    unsigned *free_from;
    unsigned ncols_seen;
} grid;

/* The most rows and columns a table may span: beyond them a file is
 * damaged or hostile, not a statistics table. */
#define GRID_MAX_ROWS 1048576u
#define GRID_MAX_COLS 16384u

void grid_init(grid *g);
void grid_free(grid *g);

/* Adds a cell; takes `text` (any blanks and line breaks in it are made
 * one line and trimmed). Spans of 0 mean 1. Returns the cell. */
grid_cell *grid_add(grid *g, unsigned row, unsigned col, unsigned rowspan, unsigned colspan,
                    char *text, size_t len);

/* Adds a cell at the first column of `row` that no cell above spans into,
 * at or after `col_from`, and returns its column (HTML's table model). */
unsigned grid_place(grid *g, unsigned row, unsigned col_from, unsigned rowspan,
                    unsigned colspan, char *text, size_t len);

/* The cell whose span covers (row, col), or NULL. */
grid_cell *grid_cell_covering(grid *g, unsigned row, unsigned col);

/* Whether any cell has text. */
int grid_has_text(const grid *g);

/* Writes the table into the flow on lines of its own and records it in
 * the flow's tables (with `sheet`, which may be NULL). */
void grid_write(grid *g, flow *f, const char *sheet);

#endif
