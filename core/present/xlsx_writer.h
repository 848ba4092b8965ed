/* The spreadsheet module: XLSX writing through libxlsxwriter (which brings
 * minizip and libcrypto) is built as a shared object of its own,
 * edushell-xlsx.so, loaded by the first workbook written (xlsx.c), so runs
 * that write none never map those libraries. Private to the present
 * stage. */
#ifndef EDUSHELL_PRESENT_XLSX_WRITER_H
#define EDUSHELL_PRESENT_XLSX_WRITER_H

#include <stddef.h>

#include "edushell/base/common.h"

#define ES_XLSX_FILE "edushell-xlsx.so"
#define ES_XLSX_SYMBOL "es_xlsx_module"
/* Changes with the table's layout or meaning. */
#define ES_XLSX_ABI 1

typedef struct es_xlsx_book es_xlsx_book;

/* The functions of edushell/present/sheet.h, on the module's workbook. */
typedef struct es_xlsx_writer {
    unsigned abi;
    size_t size; /* sizeof(es_xlsx_writer) where it was built */
    es_xlsx_book *(*open)(const char *path, const char *sheet_name, es_err *err);
    void (*header)(es_xlsx_book *x, int ncol, const char *const *titles);
    void (*width)(es_xlsx_book *x, int col, double chars);
    void (*number)(es_xlsx_book *x, int col, double v);
    void (*text)(es_xlsx_book *x, int col, const char *s);
    int (*next_row)(es_xlsx_book *x, es_err *err);
    int (*close)(es_xlsx_book *x, es_err *err);
} es_xlsx_writer;

#endif
