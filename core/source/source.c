/* Sources: one input file's bytes turned into documents' raw text.
 *
 * The format comes from the content: the magic bytes of PDF, zip packages
 * (Word, Excel, OpenDocument) and Compound Files (legacy Office), then for
 * text the name (.csv, .html/.htm) or the decoded content (an HTML page).
 * All sources of a file are built in a list of their own and moved to the
 * caller's list only when the whole file has been read, so a file loads
 * whole or not at all. */
#include "edushell/base/uchar.h"
#include "edushell/source/readers.h"
#include "edushell/source/source.h"

#include "convert.h"
#include "decode.h"
#include "sniff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char full_text_column[] = "full_text";

const char es_formats_read[] =
    "text (UTF-8, UTF-16, GB18030/GBK, Big5), HTML, CSV, DOCX, ODT, PDF, XLSX, ODS";

static const char *const format_names[] = {
    [ES_FORMAT_TEXT] = "text", [ES_FORMAT_HTML] = "html", [ES_FORMAT_CSV] = "csv",
    [ES_FORMAT_DOCX] = "docx", [ES_FORMAT_ODT] = "odt",   [ES_FORMAT_PDF] = "pdf",
    [ES_FORMAT_XLSX] = "xlsx", [ES_FORMAT_ODS] = "ods",   [ES_FORMAT_DOC] = "doc",
    [ES_FORMAT_XLS] = "xls",   [ES_FORMAT_WPS] = "wps",   [ES_FORMAT_RTF] = "rtf",
};

const char *es_format_name(es_format format)
{
    return (unsigned)format < sizeof format_names / sizeof format_names[0] ? format_names[format]
                                                                            : "text";
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int has_extension(const char *path, const char *ext)
{
    return sniff_has_extension(path, ext);
}

static int is_blank_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!es_is_space(s[i]))
            return 0;
    return 1;
}

static void list_push(es_source_list *list, const es_source *src)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 4;
        list->items = es_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->n++] = *src;
}

/* Moves every source of `from` to the end of `to`, leaving `from` empty. */
static void list_move_all(es_source_list *from, es_source_list *to)
{
    for (size_t k = 0; k < from->n; k++)
        list_push(to, &from->items[k]);
    free(from->items);
    from->items = NULL;
    from->n = from->cap = 0;
}

/* --- CSV corpus files --- */

typedef struct csv_load {
    const char *path;
    es_encoding encoding;
    char **header;
    size_t nheader;
    size_t text_column;
    size_t data_rows;
    es_source_list rows;
    es_err *err;
} csv_load;

static int same_column_name(const char *field, size_t len, const char *name)
{
    while (len > 0 && es_is_space(*field)) {
        field++;
        len--;
    }
    while (len > 0 && es_is_space(field[len - 1]))
        len--;
    return len == strlen(name) && strncasecmp(field, name, len) == 0;
}

static int take_header(csv_load *load, char **fields, size_t *lens, size_t n)
{
    load->text_column = n;
    for (size_t k = 0; k < n && load->text_column == n; k++)
        if (same_column_name(fields[k], lens[k], full_text_column))
            load->text_column = k;
    if (load->text_column == n)
        return es_err_set(load->err, "CSV has no full_text column");
    load->header = es_xcalloc(n, sizeof *load->header);
    load->nheader = n;
    for (size_t k = 0; k < n; k++)
        load->header[k] = es_xstrndup(fields[k], lens[k]);
    return 0;
}

static es_kv *row_meta(const csv_load *load, char **fields, size_t *lens)
{
    es_kv *meta = es_xcalloc(load->nheader - 1, sizeof *meta);
    size_t m = 0;
    for (size_t k = 0; k < load->nheader; k++) {
        if (k == load->text_column)
            continue;
        meta[m].key = es_xstrdup(load->header[k]);
        meta[m].value = es_xstrndup(fields[k], lens[k]);
        m++;
    }
    return meta;
}

static int take_data_row(csv_load *load, size_t lineno, char **fields, size_t *lens,
                         size_t n)
{
    size_t row = ++load->data_rows;
    if (n != load->nheader)
        return es_err_set(load->err, "row %zu (line %zu): %zu fields, header has %zu",
                          row, lineno, n, load->nheader);
    size_t col = load->text_column;
    if (is_blank_text(fields[col], lens[col]))
        return es_err_set(load->err, "row %zu: empty full_text", row);

    es_buf name = {0};
    es_buf_printf(&name, "%s#%zu", base_name(load->path), row);
    es_source src = {
        .path = es_xstrdup(load->path),
        .name = es_buf_take(&name, NULL),
        .text = es_xstrndup(fields[col], lens[col]),
        .len = lens[col],
        .format = ES_FORMAT_CSV,
        .encoding = load->encoding,
        .meta = row_meta(load, fields, lens),
        .nmeta = load->nheader - 1,
    };
    list_push(&load->rows, &src);
    return 0;
}

static int on_csv_row(void *ctx, size_t lineno, char **fields, size_t *lens, size_t n)
{
    csv_load *load = ctx;
    if (!load->header)
        return take_header(load, fields, lens, n);
    return take_data_row(load, lineno, fields, lens, n);
}

static int load_csv(const char *path, const char *text, size_t len, es_encoding enc,
                    es_source_list *out, es_err *err)
{
    csv_load load = {.path = path, .encoding = enc, .err = err};
    int rc = es_csv_parse(text, len, on_csv_row, &load, err);
    if (rc == 0 && !load.header)
        rc = es_err_set(err, "CSV has no full_text column");
    else if (rc == 0 && load.rows.n == 0)
        rc = es_err_set(err, "CSV has no data rows");
    if (rc == 0)
        list_move_all(&load.rows, out);
    es_source_list_free(&load.rows);
    for (size_t k = 0; k < load.nheader; k++)
        free(load.header[k]);
    free(load.header);
    return rc;
}

/* --- single-document files --- */

/* Takes ownership of `text`. */
static void push_single(const char *path, char *text, size_t len, es_format format,
                        es_encoding enc, es_source_list *out)
{
    es_source src = {
        .path = es_xstrdup(path),
        .name = es_xstrdup(base_name(path)),
        .text = text,
        .len = len,
        .format = format,
        .encoding = enc,
    };
    list_push(out, &src);
}

/* Takes what a reader filled in and names it after the file. */
static void push_read(const char *path, es_source *src, es_source_list *out)
{
    src->path = es_xstrdup(path);
    src->name = es_xstrdup(base_name(path));
    list_push(out, src);
}

static int load_html(const char *path, const char *html, size_t len, es_encoding enc,
                     es_source_list *out, es_err *err)
{
    es_source src;
    if (es_read_html(html, len, &src, err) != 0)
        return -1;
    src.encoding = enc;
    push_read(path, &src, out);
    return 0;
}

static int load_text(const char *path, const char *bytes, size_t len, es_source_list *out,
                     es_err *err)
{
    /* A page's <meta charset> is the first guess for bytes that are not
     * UTF-8; valid UTF-8 wins over it (pages saved again keep old tags). */
    int declared = es_looks_like_html(bytes, len) ? es_html_declared_encoding(bytes, len) : -1;
    char *text;
    size_t text_len;
    es_encoding enc;
    if (es_decode_text_as(bytes, len, declared, &text, &text_len, &enc, err) != 0)
        return -1;
    int rc = 0;
    if (has_extension(path, ".csv")) {
        rc = load_csv(path, text, text_len, enc, out, err);
        free(text);
    } else if (has_extension(path, ".html") || has_extension(path, ".htm") ||
               es_looks_like_html(text, text_len)) {
        rc = load_html(path, text, text_len, enc, out, err);
        free(text);
    } else {
        push_single(path, text, text_len, ES_FORMAT_TEXT, enc, out);
    }
    return rc;
}

static int legacy_error(es_format f, es_err *err)
{
    const char *what, *save_as;
    switch (f) {
    case ES_FORMAT_XLS:
        what = "Excel 97-2003 workbook (.xls)", save_as = "XLSX";
        break;
    case ES_FORMAT_WPS:
        what = "WPS or Works document (.wps)", save_as = "DOCX";
        break;
    case ES_FORMAT_RTF:
        what = "RTF document", save_as = "DOCX";
        break;
    default:
        what = "Word 97-2003 document (.doc)", save_as = "DOCX";
        break;
    }
    return es_err_set(err, "%s, which is not read directly: save it as %s, or load it with "
                           "--convert (uses LibreOffice)", what, save_as);
}

/* A .doc, .xls, .wps or RTF file: converted when asked, refused with what
 * to do otherwise. */
static int load_legacy(const char *path, const char *bytes, size_t len, es_format f,
                       const es_source_options *opt, es_source_list *out, es_err *err)
{
    if (!opt || !opt->convert)
        return legacy_error(f, err);
    es_source src;
    if (es_convert_legacy(bytes, len, f, opt, &src, err) != 0)
        return -1;
    push_read(path, &src, out);
    return 0;
}

int es_source_from_bytes_with(const char *path, const char *bytes, size_t len,
                              const es_source_options *opt, es_source_list *out, es_err *err)
{
    if (!path)
        path = "";
    es_source src;
    int rc, f;
    switch (sniff_bytes(bytes, len)) {
    case SNIFF_PDF:
        rc = es_read_pdf(bytes, len, &src, err);
        break;
    case SNIFF_ZIP:
        rc = es_read_zip_package(bytes, len, &src, err);
        break;
    case SNIFF_CFB:
        f = es_cfb_format(bytes, len, path, err);
        return f < 0 ? -1 : load_legacy(path, bytes, len, (es_format)f, opt, out, err);
    case SNIFF_RTF:
        return load_legacy(path, bytes, len, ES_FORMAT_RTF, opt, out, err);
    case SNIFF_TEXT:
    default:
        return load_text(path, bytes, len, out, err);
    }
    if (rc != 0)
        return -1;
    push_read(path, &src, out);
    return 0;
}

int es_source_from_bytes(const char *path, const char *bytes, size_t len,
                         es_source_list *out, es_err *err)
{
    return es_source_from_bytes_with(path, bytes, len, NULL, out, err);
}

int es_source_read_with(const char *path, const es_source_options *opt, es_source_list *out,
                        es_err *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return es_err_set(err, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return es_err_set(err, "is a directory");
    char *bytes;
    size_t len;
    if (es_read_file(path, &bytes, &len, err) != 0)
        return -1;
    int rc = es_source_from_bytes_with(path, bytes, len, opt, out, err);
    free(bytes);
    return rc;
}

int es_source_read(const char *path, es_source_list *out, es_err *err)
{
    return es_source_read_with(path, NULL, out, err);
}

const char *es_source_meta(const es_source *src, const char *key)
{
    for (size_t k = 0; k < src->nmeta; k++)
        if (strcmp(src->meta[k].key, key) == 0)
            return src->meta[k].value;
    return NULL;
}

/* Frees what the source owns; the struct itself usually lives in a list. */
void es_source_free(es_source *src)
{
    if (!src)
        return;
    free(src->path);
    free(src->name);
    free(src->text);
    for (size_t k = 0; k < src->nmeta; k++) {
        free(src->meta[k].key);
        free(src->meta[k].value);
    }
    free(src->meta);
    es_table_list_free(&src->tables);
    free(src->page_starts);
    memset(src, 0, sizeof *src);
}

void es_source_list_free(es_source_list *list)
{
    if (!list)
        return;
    for (size_t k = 0; k < list->n; k++)
        es_source_free(&list->items[k]);
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}
