/* XLSX workbooks of one sheet through libxlsxwriter, in its constant
 * memory mode: each row goes to a temporary file as soon as it is done.
 * Built as the module edushell-xlsx.so (xlsx_writer.h says why); its one
 * exported symbol is the table at the end. */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "edushell/present/sheet.h"

#include "xlsx_writer.h"

struct es_xlsx_book {
    lxw_workbook *book;
    lxw_worksheet *sheet;
    lxw_format *bold;
    lxw_row_t row;        /* the row being written; 0 is the header */
    char *path;
};

static es_xlsx_book *book_open(const char *path, const char *sheet_name, es_err *err)
{
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE};
    lxw_workbook *book = workbook_new_opt(path, &opts);
    if (!book) {
        es_err_set(err, "%s: cannot create the workbook", path);
        return NULL;
    }
    es_xlsx_book *x = es_xcalloc(1, sizeof *x);
    x->book = book;
    x->sheet = workbook_add_worksheet(book, sheet_name);
    x->bold = workbook_add_format(book);
    format_set_bold(x->bold);
    x->path = es_xstrdup(path);
    return x;
}

static void book_header(es_xlsx_book *x, int ncol, const char *const *titles)
{
    for (int c = 0; c < ncol; c++)
        worksheet_write_string(x->sheet, 0, (lxw_col_t)c, titles[c], x->bold);
    worksheet_freeze_panes(x->sheet, 1, 0);
    x->row = 1;
}

static void book_width(es_xlsx_book *x, int col, double chars)
{
    worksheet_set_column(x->sheet, (lxw_col_t)col, (lxw_col_t)col, chars, NULL);
}

static void book_number(es_xlsx_book *x, int col, double v)
{
    worksheet_write_number(x->sheet, x->row, (lxw_col_t)col, v, NULL);
}

/* Text is a string cell whatever it starts with: worksheet_write_string
 * never makes a formula, so = + - @ are harmless here. */
static void book_text(es_xlsx_book *x, int col, const char *s)
{
    worksheet_write_string(x->sheet, x->row, (lxw_col_t)col, s, NULL);
}

static int book_next_row(es_xlsx_book *x, es_err *err)
{
    if (x->row >= (lxw_row_t)ES_XLSX_MAX_ROWS)
        return es_err_set(err, "%s: a sheet holds at most %ld rows (use CSV for more)", x->path,
                          ES_XLSX_MAX_ROWS);
    x->row++;
    return 0;
}

static int book_close(es_xlsx_book *x, es_err *err)
{
    lxw_error rc = workbook_close(x->book);
    int status = 0;
    if (rc != LXW_NO_ERROR)
        status = es_err_set(err, "%s: %s", x->path, lxw_strerror(rc));
    free(x->path);
    free(x);
    return status;
}

__attribute__((visibility("default"))) const es_xlsx_writer es_xlsx_module = {
    .abi = ES_XLSX_ABI,
    .size = sizeof(es_xlsx_writer),
    .open = book_open,
    .header = book_header,
    .width = book_width,
    .number = book_number,
    .text = book_text,
    .next_row = book_next_row,
    .close = book_close,
};
