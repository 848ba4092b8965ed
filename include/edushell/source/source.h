/* Sources: the bytes of one input file turned into one or more documents'
 * raw UTF-8 text.
 *
 * The format comes from the content, not the name: a PDF, a Word (DOCX) or
 * OpenDocument (ODT) document, an Excel (XLSX) or OpenDocument (ODS)
 * workbook, an HTML page or plain text (UTF-8, UTF-16, GB18030/GBK or Big5)
 * each yield one source; a CSV corpus with a `full_text` column yields one
 * source per row, its other columns kept as metadata. Legacy binary Office
 * files (.doc, .xls, .wps) are read after conversion by LibreOffice when
 * asked to, and refused with what to do otherwise. The raw text stored in a
 * source is final: every offset elsewhere in the program points into it.
 *
 * How structured formats become text: paragraphs and headings one per
 * line, list numbering written out; a table one line per row with its
 * cells separated by tabs, each cell's span recorded in `tables`; a
 * workbook one table per sheet, each number as the cell shows it
 * (98.20%, 48,362); a PDF page after page, the lines of a paragraph
 * joined, with the offset where each page begins. */
#ifndef EDUSHELL_SOURCE_SOURCE_H
#define EDUSHELL_SOURCE_SOURCE_H

#include <stddef.h>
#include "edushell/base/common.h"
#include "edushell/source/table.h"

typedef enum es_format {
    ES_FORMAT_TEXT, ES_FORMAT_HTML, ES_FORMAT_CSV,
    ES_FORMAT_DOCX, ES_FORMAT_ODT, ES_FORMAT_PDF, ES_FORMAT_XLSX, ES_FORMAT_ODS,
    ES_FORMAT_DOC, ES_FORMAT_XLS, ES_FORMAT_WPS, ES_FORMAT_RTF   /* read after conversion */
} es_format;

/* Of a text file's bytes; structured formats are Unicode inside (UTF-8). */
typedef enum es_encoding {
    ES_ENC_UTF8, ES_ENC_GB18030, ES_ENC_UTF16LE, ES_ENC_UTF16BE, ES_ENC_BIG5
} es_encoding;

/* "text", "html", "csv", "docx", "odt", "pdf", "xlsx", "ods", "doc", "xls",
 * "wps", "rtf". */
const char *es_format_name(es_format format);
/* "utf-8", "gb18030", "utf-16le", "utf-16be", "big5". */
const char *es_encoding_name(es_encoding enc);

/* The formats read, for help texts: "text (UTF-8, UTF-16, GB18030, Big5),
 * HTML, CSV, DOCX, ODT, PDF, XLSX, ODS". */
extern const char es_formats_read[];

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
    struct es_csv_place *csv_place; /* a CSV row read with lazy_rows: where it is in its
                                       file (text NULL until es_source_fill); owned */
} es_source;

typedef struct es_source_list {
    es_source *items;
    size_t n, cap;
} es_source_list;

/* The longest document a load reads unless told otherwise (--max-size). */
#define ES_SOURCE_MAX_SIZE ((size_t)64 << 20)

typedef struct es_source_options {
    /* Convert legacy binary Office files (.doc, .xls, .wps, RTF) with
     * LibreOffice before reading them; off by default. */
    int convert;
    /* The converter: NULL for `soffice` on the PATH. */
    const char *soffice;
    /* The longest document read, in bytes: a file, or a row of a CSV
     * corpus; 0 for no limit. Loads use ES_SOURCE_MAX_SIZE. */
    size_t max_size;
    /* CSV rows keep only their place in the file until es_source_fill. */
    int lazy_rows;
} es_source_options;

/* Reads `path` and appends its sources to `out`. On error returns -1 and
 * leaves `out` unchanged, with one line in err (the reason only: "empty file",
 * "binary file", "encrypted PDF: needs a password", "CSV has no full_text
 * column", "No such file or directory", ...). `opt` may be NULL. */
int es_source_read(const char *path, es_source_list *out, es_err *err);
int es_source_read_with(const char *path, const es_source_options *opt, es_source_list *out,
                        es_err *err);

/* The same, for bytes already in memory (`path` only names them). */
int es_source_from_bytes(const char *path, const char *bytes, size_t len,
                         es_source_list *out, es_err *err);
int es_source_from_bytes_with(const char *path, const char *bytes, size_t len,
                              const es_source_options *opt, es_source_list *out, es_err *err);

/* Whether a file found while walking a directory is a document to load,
 * from its name and first bytes (`head`, up to ES_SNIFF_HEAD of them):
 * PDF, Word, OpenDocument and Excel files and legacy Office files by their
 * content whatever their name; HTML pages by content or name; text and
 * CSV files by name (.txt, .csv, .htm, .html ...) or, without an
 * extension, when they are Chinese text. Notes, data and images beside
 * documents (.md, .jsonl, .tsv, .png ...) are not. */
#define ES_SNIFF_HEAD 4096
int es_source_is_document(const char *path, const char *head, size_t len);

/* Reads the text and metadata of a row read with lazy_rows (nothing for
 * any other source). Returns 0, or -1 with the reason (the file changed
 * since it was read) in err. */
int es_source_fill(es_source *src, es_err *err);

/* Frees the text and metadata of a row read with lazy_rows, keeping its
 * place and length; nothing for any other source. */
void es_source_empty(es_source *src);

/* Value of CSV column `key`, or NULL. */
const char *es_source_meta(const es_source *src, const char *key);

void es_source_free(es_source *src);
void es_source_list_free(es_source_list *list);

/* --- the pieces, exposed for tests and reuse --- */

/* Decodes text bytes to UTF-8: a byte order mark (UTF-8, UTF-16LE/BE)
 * decides; UTF-16 without one is told by its NUL bytes; valid UTF-8 is
 * taken as it is; anything else is converted from the Chinese encoding
 * uchardet recognises, or GB18030, or Big5, whichever decodes strictly to
 * Chinese text. Rejects empty input, binary data (NUL bytes or many
 * control characters) and bytes valid in none of them. On success *out is
 * malloc'd and NUL-terminated. */
int es_decode_text(const char *bytes, size_t len, char **out, size_t *out_len,
                   es_encoding *enc, es_err *err);

/* True when the bytes look like an HTML page (by content, not name). */
int es_looks_like_html(const char *text, size_t len);

/* HTML to text with libxml2's HTML parser: drops tags, comments, <script>
 * and <style> contents, decodes every entity, turns block elements (p,
 * div, br, li, tr, h1-h6, ...) into line breaks, collapses blanks and runs
 * of blank lines, and writes data tables as tables (see above). The input
 * is UTF-8. In the formats module (readers.h): the program reads pages
 * through es_source_*; tests and fuzz targets link it by name. */
char *es_html_to_text(const char *html, size_t len, size_t *out_len);

/* The charset an HTML page declares in <meta charset> or <meta
 * http-equiv="Content-Type">, as an es_encoding, or -1. */
int es_html_declared_encoding(const char *bytes, size_t len);

/* RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Calls `row` for
 * every record (the header too) with its fields; stops and returns -1 when
 * `row` returns non-zero or the input is malformed (err says where). */
typedef int (*es_csv_row_fn)(void *ctx, size_t lineno, char **fields,
                             size_t *lens, size_t nfields);
int es_csv_parse(const char *data, size_t len, es_csv_row_fn row, void *ctx,
                 es_err *err);
/* The same for text whose first line is line `first_line` of a file. */
int es_csv_parse_from(const char *data, size_t len, size_t first_line, es_csv_row_fn row, void *ctx,
                      es_err *err);

#endif
