/* Zip packages: which kind of document a zip holds, told by its parts. */
#include "edushell/source/readers.h"

#include <stdlib.h>
#include <string.h>

#include "ooxml.h"
#include "packages.h"
#include "ziputil.h"

/* OpenDocument names its kind in the `mimetype` part. */
static char *odf_mimetype(zip_t *z)
{
    if (!zipr_has(z, "mimetype"))
        return NULL;
    char *bytes;
    size_t len;
    es_err ignored = {{0}};
    if (zipr_read(z, "mimetype", &bytes, &len, &ignored) != 0)
        return NULL;
    while (len > 0 && (bytes[len - 1] == '\n' || bytes[len - 1] == '\r' || bytes[len - 1] == ' '))
        bytes[--len] = '\0';
    return bytes;
}

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static int read_opendocument(zip_t *z, const char *mime, es_source *out, es_err *err)
{
    static const char odf[] = "application/vnd.oasis.opendocument.";
    const char *kind = mime + strlen(odf);
    if (starts_with(kind, "text"))
        return es_read_odf_package(z, ES_FORMAT_ODT, out, err);
    if (starts_with(kind, "spreadsheet"))
        return es_read_odf_package(z, ES_FORMAT_ODS, out, err);
    if (starts_with(kind, "presentation"))
        return es_err_set(err, "OpenDocument presentation (ODP), not a document: export it as PDF");
    return es_err_set(err, "OpenDocument file of a kind that is not read (%s)", mime);
}

static int read_package(zip_t *z, es_source *out, es_err *err)
{
    char *mime = odf_mimetype(z);
    if (starts_with(mime, "application/vnd.oasis.opendocument.")) {
        int rc = read_opendocument(z, mime, out, err);
        free(mime);
        return rc;
    }
    free(mime);
    char *main = ooxml_main_part(z, "");
    int rc;
    if (starts_with(main, "word/") || zipr_has(z, "word/document.xml"))
        rc = es_read_docx_package(z, out, err);
    else if (starts_with(main, "xl/") || zipr_has(z, "xl/workbook.xml"))
        rc = es_read_xlsx_package(z, out, err);
    else if (starts_with(main, "ppt/") || zipr_has(z, "ppt/presentation.xml"))
        rc = es_err_set(err, "PowerPoint presentation (PPTX), not a document: export it as PDF");
    else if (zipr_has(z, "content.xml"))
        rc = es_read_odf_package(z, ES_FORMAT_ODT, out, err);
    else
        rc = es_err_set(err, "zip archive, not a Word, Excel or OpenDocument file");
    free(main);
    return rc;
}

int es_read_package_bytes(const char *bytes, size_t len, es_package_reader read, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    zip_t *z = zipr_open(bytes, len, err);
    if (!z)
        return -1;
    int rc = read(z, out, err);
    zipr_close(z);
    return rc;
}

int es_read_zip_package(const char *bytes, size_t len, es_source *out, es_err *err)
{
    return es_read_package_bytes(bytes, len, read_package, out, err);
}
