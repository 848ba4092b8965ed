/* `edushell export indicators|documents [--format jsonl|csv|xlsx] [--bom]
 * [--out FILE]`: one query, each row written as a JSON object, a CSV
 * record or a spreadsheet row. Values stay as stored; a row with a figure
 * (value, unit) gains a `display` column with it as a reader writes it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "edushell/base/json.h"
#include "edushell/present/figure.h"
#include "edushell/present/sheet.h"

typedef enum export_format { FORMAT_JSONL, FORMAT_CSV, FORMAT_XLSX } export_format;

/* The store's rows have at most this many columns; one more is added. */
enum { MAX_COLUMNS = 33 };

/* Where the columns of a figure are, -1 when absent. */
typedef struct figure_columns {
    int value, value_hi, unit, cmp, kind;
} figure_columns;

typedef struct export_out {
    export_format fmt;
    FILE *file;
    es_xlsx *xlsx;
    es_buf buf;
    es_buf display;       /* the current row's display text */
    int header_done;
    figure_columns fig;
    es_err err;
} export_out;

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
            es_csv_put_text(b, v->text, v->len);
        break;
    }
}

static int column_of(int ncol, const char *const *names, const char *name)
{
    for (int c = 0; c < ncol; c++)
        if (strcmp(names[c], name) == 0)
            return c;
    return -1;
}

static double number_of(const es_value *v)
{
    return v->type == ES_VALUE_INT ? (double)v->i : v->r;
}

static const char *text_of(const es_value *v)
{
    return v->type == ES_VALUE_TEXT ? v->text : NULL;
}

/* The figure of the row as a reader writes it: 3723.35亿元, 1–2所, 30所以上. */
static void format_display(export_out *o, const es_value *values)
{
    const figure_columns *f = &o->fig;
    o->display.len = 0;
    es_buf_puts(&o->display, "");
    const es_value *v = &values[f->value];
    if (v->type != ES_VALUE_INT && v->type != ES_VALUE_REAL)
        return;
    const es_value *hi = f->value_hi >= 0 ? &values[f->value_hi] : NULL;
    es_figure fig = {
        .value = number_of(v),
        .has_hi = hi && (hi->type == ES_VALUE_INT || hi->type == ES_VALUE_REAL),
        .hi = hi ? number_of(hi) : 0,
        .unit = text_of(&values[f->unit]),
        .cmp = f->cmp >= 0 ? text_of(&values[f->cmp]) : NULL,
        .kind = f->kind >= 0 ? text_of(&values[f->kind]) : NULL,
    };
    es_figure_put(&o->display, &fig);
}

/* The store's columns with `display` after `unit` when the rows hold a
 * figure. Returns the number of columns in out_names/out_values. */
static int with_display(export_out *o, int ncol, const char *const *names, const es_value *values,
                        const char **out_names, es_value *out_values)
{
    if (o->fig.value < 0 || o->fig.unit < 0) {
        memcpy(out_names, names, (size_t)ncol * sizeof *names);
        memcpy(out_values, values, (size_t)ncol * sizeof *values);
        return ncol;
    }
    format_display(o, values);
    int n = 0;
    for (int c = 0; c < ncol; c++) {
        out_names[n] = names[c];
        out_values[n++] = values[c];
        if (c == o->fig.unit) {
            out_names[n] = "display";
            out_values[n++] = (es_value){.type = ES_VALUE_TEXT, .text = o->display.data, .len = o->display.len};
        }
    }
    return n;
}

static void find_figure_columns(export_out *o, int ncol, const char *const *names)
{
    o->fig = (figure_columns){
        column_of(ncol, names, "value"), column_of(ncol, names, "value_hi"), column_of(ncol, names, "unit"),
        column_of(ncol, names, "cmp"), column_of(ncol, names, "kind"),
    };
}

/* Spreadsheet column widths in characters, by what the column holds. */
static double sheet_width(const char *name)
{
    static const struct { const char *name; double width; } WIDTHS[] = {
        {"sentence", 80}, {"title", 40}, {"path", 40}, {"doc", 28}, {"name", 28}, {"metric", 24},
        {"display", 16}, {"number", 14}, {"region", 12}, {"sha256", 20},
    };
    for (size_t i = 0; i < sizeof WIDTHS / sizeof WIDTHS[0]; i++)
        if (strcmp(WIDTHS[i].name, name) == 0)
            return WIDTHS[i].width;
    return 10;
}

static void put_header(export_out *o, int ncol, const char *const *names)
{
    if (o->fmt == FORMAT_XLSX) {
        es_xlsx_header(o->xlsx, ncol, names);
        for (int c = 0; c < ncol; c++)
            es_xlsx_width(o->xlsx, c, sheet_width(names[c]));
    } else if (o->fmt == FORMAT_CSV) {
        for (int c = 0; c < ncol; c++) {
            if (c)
                es_buf_putc(&o->buf, ',');
            es_csv_put_text(&o->buf, names[c], strlen(names[c]));
        }
        es_buf_puts(&o->buf, "\r\n");
    }
}

static int put_xlsx_row(export_out *o, int ncol, const es_value *values)
{
    for (int c = 0; c < ncol; c++) {
        const es_value *v = &values[c];
        if (v->type == ES_VALUE_INT || v->type == ES_VALUE_REAL)
            es_xlsx_number(o->xlsx, c, number_of(v));
        else if (v->type == ES_VALUE_TEXT)
            es_xlsx_text(o->xlsx, c, v->text);
    }
    return es_xlsx_next_row(o->xlsx, &o->err);
}

static void put_text_row(export_out *o, int ncol, const char *const *names, const es_value *values)
{
    es_buf *b = &o->buf;
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
}

/* Writes one row, flushing the buffer in chunks so a large export stays
 * small in memory. */
static int put_row(void *ctx, int ncol, const char *const *names, const es_value *values)
{
    export_out *o = ctx;
    const char *all_names[MAX_COLUMNS];
    es_value all_values[MAX_COLUMNS];
    if (!o->header_done)
        find_figure_columns(o, ncol, names);
    int n = with_display(o, ncol < MAX_COLUMNS - 1 ? ncol : MAX_COLUMNS - 1, names, values, all_names, all_values);
    if (!o->header_done)
        put_header(o, n, all_names);
    o->header_done = 1;
    if (o->fmt == FORMAT_XLSX)
        return put_xlsx_row(o, n, all_values);
    put_text_row(o, n, all_names, all_values);
    if (o->buf.len > 1 << 16) {
        fwrite(o->buf.data, 1, o->buf.len, o->file);
        o->buf.len = 0;
    }
    return 0;
}

typedef struct export_args {
    const char *what, *out_path;
    export_format fmt;
    int bom;
} export_args;

static int parse_args(export_args *a, int argc, char **argv)
{
    *a = (export_args){.what = argc > 0 ? argv[0] : "", .fmt = FORMAT_JSONL};
    if (strcmp(a->what, "indicators") != 0 && strcmp(a->what, "documents") != 0)
        return es_usage_error("export", "what to export? indicators or documents");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0)
                a->fmt = FORMAT_JSONL;
            else if (strcmp(f, "csv") == 0)
                a->fmt = FORMAT_CSV;
            else if (strcmp(f, "xlsx") == 0)
                a->fmt = FORMAT_XLSX;
            else
                return es_usage_error("export", "unknown format '%s' (jsonl, csv or xlsx)", f);
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            a->out_path = argv[++i];
        } else if (strcmp(argv[i], "--bom") == 0) {
            a->bom = 1;
        } else {
            return es_usage_error("export", "unknown argument '%s'", argv[i]);
        }
    }
    if (a->fmt == FORMAT_XLSX && (!a->out_path || strcmp(a->out_path, "-") == 0))
        return es_usage_error("export", "--format xlsx needs --out FILE");
    if (a->bom && a->fmt != FORMAT_CSV)
        return es_usage_error("export", "--bom is for --format csv");
    return 0;
}

static int export_xlsx(es_app *app, const export_args *a)
{
    export_out o = {.fmt = FORMAT_XLSX};
    if (!(o.xlsx = es_xlsx_open(a->out_path, a->what, &o.err))) {
        es_app_error("export: %s", o.err.msg);
        return ES_EXIT_FAILURE;
    }
    es_err err = {{0}};
    int rc = es_store_export(app->store, a->what, put_row, &o, &err);
    if (rc != 0 && o.err.msg[0])
        err = o.err;
    if (es_xlsx_close(o.xlsx, rc == 0 ? &err : NULL) != 0)
        rc = -1;
    es_buf_free(&o.display);
    if (rc != 0) {
        es_app_error("export: %s", err.msg);
        remove(a->out_path);
        return ES_EXIT_FAILURE;
    }
    return ES_EXIT_OK;
}

static int export_text(es_app *app, const export_args *a)
{
    int to_stdout = !a->out_path || strcmp(a->out_path, "-") == 0;
    FILE *out = to_stdout ? stdout : fopen(a->out_path, "wb");
    if (!out) {
        es_app_error("%s: cannot write: %s", a->out_path, strerror(errno));
        return ES_EXIT_FAILURE;
    }
    export_out o = {.fmt = a->fmt, .file = out};
    if (a->bom)
        es_buf_puts(&o.buf, ES_UTF8_BOM);
    es_err err = {{0}};
    int rc = es_store_export(app->store, a->what, put_row, &o, &err);
    if (o.buf.len)
        fwrite(o.buf.data, 1, o.buf.len, out);
    es_buf_free(&o.buf);
    es_buf_free(&o.display);
    if (rc != 0)
        es_app_error("export: %s", err.msg);
    if (!to_stdout && fclose(out) != 0) {
        es_app_error("%s: write failed", a->out_path);
        rc = -1;
    }
    return rc == 0 ? ES_EXIT_OK : ES_EXIT_FAILURE;
}

int es_cmd_export(es_app *app, int argc, char **argv)
{
    export_args a;
    if (parse_args(&a, argc, argv) != 0)
        return ES_EXIT_USAGE;
    return a.fmt == FORMAT_XLSX ? export_xlsx(app, &a) : export_text(app, &a);
}
