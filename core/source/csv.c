/* RFC 4180 CSV reading.
 *
 * Corpus files hold whole documents in one quoted field, with line breaks
 * and doubled quotes inside, so records are found by parsing rather than by
 * splitting lines. Fields are handed to the caller unescaped and
 * NUL-terminated; a record's storage is reused for the next one. */
#include "edushell/source/source.h"

#include <stdlib.h>
#include <string.h>

/* The fields of the record being read: contents packed one after another
 * (each followed by a NUL) in `text`, located by offset because `text`
 * moves as it grows. */
typedef struct csv_record {
    es_buf text;
    size_t *starts, *lens;
    char **fields;
    size_t n, cap;
} csv_record;

/* Where the reader is; `line` counts every line break consumed so far, those
 * inside quoted fields included, so errors name the line an editor shows. */
typedef struct csv_cursor {
    const char *data;
    size_t len, pos, line;
} csv_cursor;

static void record_reset(csv_record *r)
{
    r->n = 0;
    r->text.len = 0;
}

static void record_free(csv_record *r)
{
    es_buf_free(&r->text);
    free(r->starts);
    free(r->lens);
    free(r->fields);
}

static void record_end_field(csv_record *r, size_t start)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->starts = es_xrealloc(r->starts, r->cap * sizeof *r->starts);
        r->lens = es_xrealloc(r->lens, r->cap * sizeof *r->lens);
        r->fields = es_xrealloc(r->fields, r->cap * sizeof *r->fields);
    }
    r->starts[r->n] = start;
    r->lens[r->n] = r->text.len - start;
    r->n++;
    es_buf_append(&r->text, "", 1); /* the field's terminating NUL */
}

static int is_break(char c) { return c == '\n' || c == '\r'; }

/* Consumes one line break (CRLF, LF or a lone CR) at the cursor. */
static void skip_break(csv_cursor *c)
{
    if (c->data[c->pos] == '\r' && c->pos + 1 < c->len && c->data[c->pos + 1] == '\n')
        c->pos++;
    c->pos++;
    c->line++;
}

static void read_unquoted(csv_cursor *c, csv_record *r)
{
    size_t from = c->pos;
    while (c->pos < c->len && c->data[c->pos] != ',' && !is_break(c->data[c->pos]))
        c->pos++;
    es_buf_append(&r->text, c->data + from, c->pos - from);
}

/* Reads a quoted field, the cursor on its opening quote. */
static int read_quoted(csv_cursor *c, csv_record *r, es_err *err)
{
    size_t open_line = c->line;
    c->pos++;
    for (;;) {
        size_t from = c->pos;
        while (c->pos < c->len && c->data[c->pos] != '"' && !is_break(c->data[c->pos]))
            c->pos++;
        es_buf_append(&r->text, c->data + from, c->pos - from);
        if (c->pos == c->len)
            return es_err_set(err, "line %zu: unterminated quoted field", open_line);
        if (is_break(c->data[c->pos])) {
            size_t brk = c->pos;
            skip_break(c);
            es_buf_append(&r->text, c->data + brk, c->pos - brk);
            continue;
        }
        if (c->pos + 1 < c->len && c->data[c->pos + 1] == '"') {
            es_buf_putc(&r->text, '"');
            c->pos += 2;
            continue;
        }
        c->pos++; /* the closing quote */
        break;
    }
    if (c->pos < c->len && c->data[c->pos] != ',' && !is_break(c->data[c->pos]))
        return es_err_set(err, "line %zu: unexpected text after a closing quote", c->line);
    return 0;
}

/* Reads one record, the cursor at its first byte; leaves the cursor after
 * the record's line break. */
static int read_record(csv_cursor *c, csv_record *r, es_err *err)
{
    record_reset(r);
    for (;;) {
        size_t start = r->text.len;
        if (c->pos < c->len && c->data[c->pos] == '"') {
            if (read_quoted(c, r, err) != 0)
                return -1;
        } else {
            read_unquoted(c, r);
        }
        record_end_field(r, start);
        if (c->pos < c->len && c->data[c->pos] == ',') {
            c->pos++;
            continue;
        }
        if (c->pos < c->len)
            skip_break(c);
        return 0;
    }
}

static int deliver(csv_record *r, size_t lineno, es_csv_row_fn row, void *ctx)
{
    for (size_t k = 0; k < r->n; k++)
        r->fields[k] = r->text.data + r->starts[k];
    return row(ctx, lineno, r->fields, r->lens, r->n);
}

int es_csv_parse(const char *data, size_t len, es_csv_row_fn row, void *ctx,
                 es_err *err)
{
    return es_csv_parse_from(data, len, 1, row, ctx, err);
}

int es_csv_parse_from(const char *data, size_t len, size_t first_line, es_csv_row_fn row, void *ctx,
                      es_err *err)
{
    csv_cursor c = {data, len, 0, first_line};
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        c.pos = 3;
    csv_record r = {0};
    int rc = 0;
    while (c.pos < c.len) {
        /* Blank lines separate nothing; a record needs at least one byte. */
        if (is_break(c.data[c.pos])) {
            skip_break(&c);
            continue;
        }
        size_t lineno = c.line;
        if (read_record(&c, &r, err) != 0 || deliver(&r, lineno, row, ctx) != 0) {
            rc = -1;
            break;
        }
    }
    record_free(&r);
    return rc;
}
