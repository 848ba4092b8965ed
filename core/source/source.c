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
#include "csv_corpus.h"
#include "decode.h"
#include "formats.h"
#include "sniff.h"

#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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

static void list_push(es_source_list *list, const es_source *src)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 4;
        list->items = es_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    list->items[list->n++] = *src;
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
    const es_formats *fm = es_formats_get(err);
    if (!fm || fm->read_html(html, len, &src, err) != 0)
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
        rc = es_csv_corpus_from_text(path, text, text_len, enc, out, err);
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
    const es_formats *fm;
    int rc, f;
    switch (sniff_bytes(bytes, len)) {
    case SNIFF_PDF:
        rc = (fm = es_formats_get(err)) ? fm->read_pdf(bytes, len, &src, err) : -1;
        break;
    case SNIFF_ZIP:
        rc = (fm = es_formats_get(err)) ? fm->read_zip_package(bytes, len, &src, err) : -1;
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

/* Whether a .csv file can be read in pieces: not UTF-16, whose characters
 * hold the bytes of CSV's delimiters (told by a byte order mark, or by NUL
 * bytes near the start). */
static int csv_in_pieces(int fd)
{
    unsigned char head[4096];
    ssize_t n = pread(fd, head, sizeof head, 0);
    if (n < 0)
        return 0;
    if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        return 0;
    return memchr(head, 0, (size_t)n) == NULL;
}

static int too_large(const char *what, double bytes, size_t max, es_err *err)
{
    return es_err_set(err, "%s%.1f MiB, more than %zu MiB, the limit of a document (raise it with --max-size)",
                      what, bytes / 1048576.0, max >> 20);
}

/* The whole file at once, then the sources it holds. */
static int read_whole(const char *path, const es_source_options *opt, es_source_list *out, es_err *err)
{
    char *bytes;
    size_t len;
    if (es_read_file(path, &bytes, &len, err) != 0)
        return -1;
    size_t first = out->n;
    int rc = es_source_from_bytes_with(path, bytes, len, opt, out, err);
    free(bytes);
    /* A package's text can be larger than the file (it is compressed). */
    size_t max = opt ? opt->max_size : 0;
    for (size_t k = first; rc == 0 && max && k < out->n; k++)
        if (out->items[k].len > max)
            rc = too_large("its text is ", (double)out->items[k].len, max, err);
    if (rc != 0) {
        for (size_t k = first; k < out->n; k++)
            es_source_free(&out->items[k]);
        out->n = first;
    }
    return rc;
}

int es_source_read_with(const char *path, const es_source_options *opt, es_source_list *out,
                        es_err *err)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return es_err_set(err, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return es_err_set(err, "is a directory");
    if (!S_ISREG(st.st_mode))
        return es_err_set(err, "not a regular file"); /* a FIFO would block for ever */
    if (has_extension(path, ".csv")) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return es_err_set(err, "%s", strerror(errno));
        int pieces = csv_in_pieces(fd);
        int rc = pieces ? es_csv_corpus_read(path, fd, opt, out, err) : 0;
        close(fd);
        if (pieces)
            return rc;
    }
    size_t max = opt ? opt->max_size : 0;
    if (max && (uint64_t)st.st_size > max)
        return too_large("", (double)st.st_size, max, err);
    return read_whole(path, opt, out, err);
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
    es_csv_place_free(src->csv_place);
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
