/* `edushell export indicators|documents [--format jsonl|csv] [--out FILE]`:
 * one query, each row written as a JSON object or a CSV record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "edushell/json.h"

typedef enum export_format { FORMAT_JSONL, FORMAT_CSV } export_format;

typedef struct export_table {
    const char *name;
    const char *sql;
} export_table;

static const export_table TABLES[] = {
    {"indicators",
     "SELECT d.name AS doc, i.start, i.end, i.number, i.metric, i.value, i.value_hi, i.unit,"
     " i.kind, i.cmp, i.scope, i.year, s.text AS sentence, i.metric_id"
     " FROM indicators i JOIN documents d ON d.id = i.doc_id"
     " LEFT JOIN sentences s ON s.id = i.sentence_id ORDER BY d.name, i.start"},
    {"documents",
     "SELECT d.path, d.name, d.title, d.region, d.region_level, d.province, d.year, d.kind,"
     " d.issuer, d.issued, d.sha256,"
     " (SELECT count(*) FROM indicators i WHERE i.doc_id = d.id) AS indicators"
     " FROM documents d ORDER BY d.name"},
};

static void put_csv_text(es_buf *b, const char *s, size_t n)
{
    if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
        es_buf_append(b, s, n);
        return;
    }
    es_buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            es_buf_putc(b, '"');
        es_buf_putc(b, s[i]);
    }
    es_buf_putc(b, '"');
}

static void put_value(es_buf *b, sqlite3_stmt *st, int c, export_format fmt)
{
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL:
        if (fmt == FORMAT_JSONL)
            es_buf_puts(b, "null");
        break;
    case SQLITE_INTEGER:
        es_buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, c));
        break;
    case SQLITE_FLOAT:
        es_json_number(b, sqlite3_column_double(st, c));
        break;
    default: {
        const char *s = (const char *)sqlite3_column_text(st, c);
        size_t n = (size_t)sqlite3_column_bytes(st, c);
        if (fmt == FORMAT_JSONL)
            es_json_string(b, s, n);
        else
            put_csv_text(b, s, n);
    }
    }
}

static void put_row(es_buf *b, sqlite3_stmt *st, export_format fmt)
{
    int ncol = sqlite3_column_count(st);
    if (fmt == FORMAT_JSONL)
        es_buf_putc(b, '{');
    for (int c = 0; c < ncol; c++) {
        if (c)
            es_buf_putc(b, ',');
        if (fmt == FORMAT_JSONL) {
            const char *name = sqlite3_column_name(st, c);
            es_json_string(b, name, strlen(name));
            es_buf_putc(b, ':');
        }
        put_value(b, st, c, fmt);
    }
    es_buf_puts(b, fmt == FORMAT_JSONL ? "}\n" : "\r\n");
}

static void put_csv_header(es_buf *b, sqlite3_stmt *st)
{
    for (int c = 0; c < sqlite3_column_count(st); c++) {
        if (c)
            es_buf_putc(b, ',');
        es_buf_puts(b, sqlite3_column_name(st, c));
    }
    es_buf_puts(b, "\r\n");
}

/* Writes the rows to `out` in chunks, so a large export stays small in memory. */
static int write_rows(sqlite3 *db, const export_table *t, export_format fmt, FILE *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, t->sql, -1, &st, NULL) != SQLITE_OK) {
        es_app_error("export: %s", sqlite3_errmsg(db));
        return -1;
    }
    es_buf b = {0};
    if (fmt == FORMAT_CSV)
        put_csv_header(&b, st);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        put_row(&b, st, fmt);
        if (b.len > 1 << 16) {
            fwrite(b.data, 1, b.len, out);
            b.len = 0;
        }
    }
    if (b.len)
        fwrite(b.data, 1, b.len, out);
    es_buf_free(&b);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        es_app_error("export: %s", sqlite3_errmsg(db));
        return -1;
    }
    return 0;
}

static const export_table *find_table(const char *name)
{
    for (size_t i = 0; i < sizeof TABLES / sizeof TABLES[0]; i++)
        if (strcmp(TABLES[i].name, name) == 0)
            return &TABLES[i];
    return NULL;
}

int es_cmd_export(es_app *app, int argc, char **argv)
{
    const export_table *table = argc > 0 ? find_table(argv[0]) : NULL;
    if (!table) {
        es_app_error("export: what to export? indicators or documents "
                     "(usage: edushell export indicators|documents [--format jsonl|csv] [--out FILE])");
        return 2;
    }
    export_format fmt = FORMAT_JSONL;
    const char *out_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0)
                fmt = FORMAT_JSONL;
            else if (strcmp(f, "csv") == 0)
                fmt = FORMAT_CSV;
            else {
                es_app_error("export: unknown format '%s' (jsonl or csv)", f);
                return 2;
            }
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else {
            es_app_error("export: unknown argument '%s'", argv[i]);
            return 2;
        }
    }
    FILE *out = out_path ? fopen(out_path, "wb") : stdout;
    if (!out) {
        es_app_error("%s: cannot write: %s", out_path, strerror(errno));
        return 1;
    }
    int rc = write_rows(es_store_db(app->store), table, fmt, out);
    if (out_path && fclose(out) != 0) {
        es_app_error("%s: write failed", out_path);
        rc = -1;
    }
    return rc == 0 ? 0 : 1;
}
