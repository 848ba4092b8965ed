/* `edushell export indicators|documents [--format jsonl|csv] [--out FILE]`:
 * one query, each row written as a JSON object or a CSV record. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "edushell/base/json.h"

typedef enum export_format { FORMAT_JSONL, FORMAT_CSV } export_format;

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

static void put_value(es_buf *b, const es_value *v, export_format fmt)
{
    switch (v->type) {
    case ES_VALUE_NULL:
        if (fmt == FORMAT_JSONL)
            es_buf_puts(b, "null");
        break;
    case ES_VALUE_INT:
        es_buf_printf(b, "%lld", (long long)v->i);
        break;
    case ES_VALUE_REAL:
        es_json_number(b, v->r);
        break;
    case ES_VALUE_TEXT:
        if (fmt == FORMAT_JSONL)
            es_json_string(b, v->text, v->len);
        else
            put_csv_text(b, v->text, v->len);
        break;
    }
}

typedef struct export_out {
    export_format fmt;
    FILE *file;
    es_buf buf;
    int header_done;
} export_out;

static void put_csv_header(es_buf *b, int ncol, const char *const *names)
{
    for (int c = 0; c < ncol; c++) {
        if (c)
            es_buf_putc(b, ',');
        es_buf_puts(b, names[c]);
    }
    es_buf_puts(b, "\r\n");
}

/* Writes one row, flushing the buffer in chunks so a large export stays
 * small in memory. */
static int put_row(void *ctx, int ncol, const char *const *names, const es_value *values)
{
    export_out *o = ctx;
    es_buf *b = &o->buf;
    if (o->fmt == FORMAT_CSV && !o->header_done)
        put_csv_header(b, ncol, names);
    o->header_done = 1;
    if (o->fmt == FORMAT_JSONL)
        es_buf_putc(b, '{');
    for (int c = 0; c < ncol; c++) {
        if (c)
            es_buf_putc(b, ',');
        if (o->fmt == FORMAT_JSONL) {
            es_json_string(b, names[c], strlen(names[c]));
            es_buf_putc(b, ':');
        }
        put_value(b, &values[c], o->fmt);
    }
    es_buf_puts(b, o->fmt == FORMAT_JSONL ? "}\n" : "\r\n");
    if (b->len > 1 << 16) {
        fwrite(b->data, 1, b->len, o->file);
        b->len = 0;
    }
    return 0;
}

static int write_rows(es_app *app, const char *what, export_format fmt, FILE *file)
{
    export_out o = {.fmt = fmt, .file = file};
    es_err err = {{0}};
    int rc = es_store_export(app->store, what, put_row, &o, &err);
    if (o.buf.len)
        fwrite(o.buf.data, 1, o.buf.len, file);
    es_buf_free(&o.buf);
    if (rc != 0)
        es_app_error("export: %s", err.msg);
    return rc;
}

int es_cmd_export(es_app *app, int argc, char **argv)
{
    const char *what = argc > 0 ? argv[0] : "";
    if (strcmp(what, "indicators") != 0 && strcmp(what, "documents") != 0) {
        return es_usage_error("export", "what to export? indicators or documents");
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
                return es_usage_error("export", "unknown format '%s' (jsonl or csv)", f);
            }
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else {
            return es_usage_error("export", "unknown argument '%s'", argv[i]);
        }
    }
    FILE *out = out_path ? fopen(out_path, "wb") : stdout;
    if (!out) {
        es_app_error("%s: cannot write: %s", out_path, strerror(errno));
        return ES_EXIT_FAILURE;
    }
    int rc = write_rows(app, what, fmt, out);
    if (out_path && fclose(out) != 0) {
        es_app_error("%s: write failed", out_path);
        rc = -1;
    }
    return rc == 0 ? ES_EXIT_OK : ES_EXIT_FAILURE;
}
