/* XLSX workbooks (sheet.h) through the spreadsheet module
 * (xlsx_writer.h), looked up once per process on the first workbook. */
#include <pthread.h>
#include <stdlib.h>

#include "edushell/base/config.h"
#include "edushell/present/sheet.h"

#include "xlsx_writer.h"

struct es_xlsx {
    const es_xlsx_writer *w;
    es_xlsx_book *book;
};

/* Written once under pthread_once, then only read. */
static struct {
    pthread_once_t once;
    const es_xlsx_writer *table;
    es_err error;
} module = {PTHREAD_ONCE_INIT, NULL, {{0}}};

static void load_module(void)
{
    module.table = es_module_table(ES_XLSX_FILE, ES_XLSX_SYMBOL, ES_XLSX_ABI, sizeof *module.table, &module.error);
}

es_xlsx *es_xlsx_open(const char *path, const char *sheet_name, es_err *err)
{
    pthread_once(&module.once, load_module);
    if (!module.table) {
        es_err_set(err, "%s: the spreadsheet module: %s", path, module.error.msg);
        return NULL;
    }
    es_xlsx_book *book = module.table->open(path, sheet_name, err);
    if (!book)
        return NULL;
    es_xlsx *x = es_xmalloc(sizeof *x);
    *x = (es_xlsx){module.table, book};
    return x;
}

void es_xlsx_header(es_xlsx *x, int ncol, const char *const *titles) { x->w->header(x->book, ncol, titles); }
void es_xlsx_width(es_xlsx *x, int col, double chars) { x->w->width(x->book, col, chars); }
void es_xlsx_number(es_xlsx *x, int col, double v) { x->w->number(x->book, col, v); }
void es_xlsx_text(es_xlsx *x, int col, const char *s) { x->w->text(x->book, col, s); }
int es_xlsx_next_row(es_xlsx *x, es_err *err) { return x->w->next_row(x->book, err); }

int es_xlsx_close(es_xlsx *x, es_err *err)
{
    int rc = x->w->close(x->book, err);
    free(x);
    return rc;
}
