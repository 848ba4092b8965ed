/* The rows `export` writes, read through the views of schema.sql. */
#include <string.h>

#include "store_private.h"

typedef struct export_query {
    const char *what;
    const char *sql;
} export_query;

static const export_query QUERIES[] = {
    {"indicators",
     "SELECT id, doc, region, start, end, number, metric, value, value_hi, unit, kind, cmp, scope,"
     " year, period_start, period_end, basis, subject, table_seq, cell_row, cell_col, sheet, page,"
     " sentence, metric_id FROM indicator_rows ORDER BY doc, start"},
    {"documents",
     "SELECT path, name, title, region, region_level, province, year, kind, issuer, issued,"
     " sha256, indicators FROM document_rows ORDER BY name"},
};

static const char *find_query(const char *what)
{
    for (size_t i = 0; i < sizeof QUERIES / sizeof QUERIES[0]; i++)
        if (strcmp(QUERIES[i].what, what) == 0)
            return QUERIES[i].sql;
    return NULL;
}

static void read_value(sqlite3_stmt *st, int c, es_value *v)
{
    memset(v, 0, sizeof *v);
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL: v->type = ES_VALUE_NULL; break;
    case SQLITE_INTEGER: v->type = ES_VALUE_INT; v->i = sqlite3_column_int64(st, c); break;
    case SQLITE_FLOAT: v->type = ES_VALUE_REAL; v->r = sqlite3_column_double(st, c); break;
    default:
        v->type = ES_VALUE_TEXT;
        v->text = (const char *)sqlite3_column_text(st, c);
        v->len = (size_t)sqlite3_column_bytes(st, c);
    }
}

/* Steps through the statement, calling `row` with each row's values. */
static int each_row(sqlite3_stmt *st, es_row_fn row, void *ctx)
{
    enum { MAX_COLUMNS = 32 };
    int ncol = sqlite3_column_count(st);
    if (ncol > MAX_COLUMNS)
        ncol = MAX_COLUMNS;
    const char *names[MAX_COLUMNS];
    es_value values[MAX_COLUMNS];
    for (int c = 0; c < ncol; c++)
        names[c] = sqlite3_column_name(st, c);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < ncol; c++)
            read_value(st, c, &values[c]);
        if (row(ctx, ncol, names, values) != 0)
            return SQLITE_DONE;
    }
    return rc;
}

int es_store_export(es_store *s, const char *what, es_row_fn row, void *ctx, es_err *err)
{
    const char *sql = find_query(what);
    if (!sql)
        return es_err_set(err, "nothing to export named '%s' (indicators or documents)", what);
    sqlite3 *db = es_store_db(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    int rc = each_row(st, row, ctx);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    return 0;
}
