/* Sources: the bytes of one input file turned into one or more documents'
 * raw UTF-8 text.
 *
 * A plain text file (UTF-8 with or without BOM, or GB18030/GBK) or an HTML
 * page yields one source; a CSV corpus with a `full_text` column yields one
 * source per row, its other columns kept as metadata. The raw text stored in
 * a source is final: every offset elsewhere in the program points into it. */
#ifndef EDUSHELL_SOURCE_SOURCE_H
#define EDUSHELL_SOURCE_SOURCE_H

#include <stddef.h>
#include "edushell/base/common.h"
#include "edushell/source/table.h"

typedef enum es_format { ES_FORMAT_TEXT, ES_FORMAT_HTML, ES_FORMAT_CSV } es_format;
typedef enum es_encoding { ES_ENC_UTF8, ES_ENC_GB18030 } es_encoding;

/* One metadata column of a CSV row (or another hint about the source). */
typedef struct es_kv {
    char *key, *value;
} es_kv;

typedef struct es_source {
    char *path;       /* the file it came from, as given */
    char *name;       /* the document's name: file name, or "file.csv#N" for row N (1-based) */
    char *text;       /* raw UTF-8 text, NUL-terminated, BOM removed */
    size_t len;       /* bytes in text */
    es_format format;
    es_encoding encoding; /* of the file's bytes, before decoding */
    es_kv *meta;      /* CSV columns other than full_text; NULL for other formats */
    size_t nmeta;
    es_table_list tables; /* tables the reader found, their cells spans of text */
    size_t *page_starts;  /* paged formats (PDF): raw offset where each page begins, owned */
    size_t npages;        /* 0 when the format has no pages */
} es_source;

typedef struct es_source_list {
    es_source *items;
    size_t n, cap;
} es_source_list;

/* Reads `path` and appends its sources to `out`. On error returns -1 and
 * leaves `out` unchanged, with one line in err (the reason only: "empty file",
 * "binary file", "not UTF-8 or GB18030 text", "CSV has no full_text column",
 * "No such file or directory", ...). */
int es_source_read(const char *path, es_source_list *out, es_err *err);

/* The same, for bytes already in memory (`path` only names them). */
int es_source_from_bytes(const char *path, const char *bytes, size_t len,
                         es_source_list *out, es_err *err);

/* Value of CSV column `key`, or NULL. */
const char *es_source_meta(const es_source *src, const char *key);

void es_source_free(es_source *src);
void es_source_list_free(es_source_list *list);

/* --- the pieces, exposed for tests and reuse --- */

/* Decodes text bytes to UTF-8: strips a UTF-8 BOM, accepts valid UTF-8,
 * else converts from GB18030 with iconv. Rejects empty input, binary data
 * (NUL bytes or many control characters) and bytes valid in neither
 * encoding. On success *out is malloc'd and NUL-terminated. */
int es_decode_text(const char *bytes, size_t len, char **out, size_t *out_len,
                   es_encoding *enc, es_err *err);

/* True when the bytes look like an HTML page (by content, not name). */
int es_looks_like_html(const char *text, size_t len);

/* HTML to text: drops tags, comments, <script> and <style> contents, decodes
 * entities (named common ones and numeric), turns block elements (p, div,
 * br, li, tr, h1-h6, ...) into line breaks and collapses runs of blank lines. */
char *es_html_to_text(const char *html, size_t len, size_t *out_len);

/* RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Calls `row` for
 * every record (the header too) with its fields; stops and returns -1 when
 * `row` returns non-zero or the input is malformed (err says where). */
typedef int (*es_csv_row_fn)(void *ctx, size_t lineno, char **fields,
                             size_t *lens, size_t nfields);
int es_csv_parse(const char *data, size_t len, es_csv_row_fn row, void *ctx,
                 es_err *err);

#endif
