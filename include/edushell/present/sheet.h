/* Files analysts open in a spreadsheet: CSV cells that Excel reads as
 * written, and XLSX workbooks (libxlsxwriter). */
#ifndef EDUSHELL_PRESENT_SHEET_H
#define EDUSHELL_PRESENT_SHEET_H

#include "edushell/base/common.h"

/* The UTF-8 byte order mark: Excel on a Chinese Windows reads a CSV file
 * as GBK unless it starts with one. */
#define ES_UTF8_BOM "\xEF\xBB\xBF"

/* A text cell of a CSV record (RFC 4180 quoting). Text a spreadsheet
 * would take for a formula (starting with = + - @, a tab or a carriage
 * return, and more after it) gets a leading apostrophe, so it stays text. */
void es_csv_put_text(es_buf *b, const char *s, size_t n);

/* Whether a spreadsheet would read this text as a formula. */
int es_sheet_formula_like(const char *s, size_t n);

/* One worksheet written row by row (constant memory: a large export
 * stays small). Text cells are stored as text, never as formulas. */
typedef struct es_xlsx es_xlsx;

/* The most data rows a sheet holds (its first row is the header). */
#define ES_XLSX_MAX_ROWS 1048575L

es_xlsx *es_xlsx_open(const char *path, const char *sheet_name, es_err *err);
/* The header row (bold, frozen so it stays in view). */
void es_xlsx_header(es_xlsx *x, int ncol, const char *const *titles);
/* Column widths in characters, from the longest text seen (call before close). */
void es_xlsx_width(es_xlsx *x, int col, double chars);
void es_xlsx_number(es_xlsx *x, int col, double v);
void es_xlsx_text(es_xlsx *x, int col, const char *s);
/* Ends the current data row; -1 with the reason once the sheet is full. */
int es_xlsx_next_row(es_xlsx *x, es_err *err);
/* Writes the file and frees x; -1 with the reason if it cannot. */
int es_xlsx_close(es_xlsx *x, es_err *err);

#endif
