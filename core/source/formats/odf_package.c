/* OpenDocument packages: the manifest, content.xml and the styles the
 * text's lists are numbered by. */
#include "edushell/source/readers.h"

#include <stdlib.h>
#include <string.h>

#include "odf.h"
#include "packages.h"
#include "xmlutil.h"
#include "ziputil.h"

/* A password-protected document keeps its manifest readable and says
 * there which parts are encrypted. */
static int is_encrypted(zip_t *z)
{
    char *bytes;
    size_t len;
    es_err ignored = {{0}};
    if (!zipr_has(z, "META-INF/manifest.xml") ||
        zipr_read(z, "META-INF/manifest.xml", &bytes, &len, &ignored) != 0)
        return 0;
    xmlDoc *doc = xml_parse(bytes, len, "META-INF/manifest.xml", &ignored);
    free(bytes);
    int encrypted = doc && xml_find(xmlDocGetRootElement(doc), "encryption-data") != NULL;
    xmlFreeDoc(doc);
    return encrypted;
}

static xmlDoc *read_part(zip_t *z, const char *name, es_err *err)
{
    char *bytes;
    size_t len;
    if (zipr_read(z, name, &bytes, &len, err) != 0)
        return NULL;
    xmlDoc *doc = xml_parse(bytes, len, name, err);
    free(bytes);
    return doc;
}

static int read_body(zip_t *z, xmlDoc *content, es_format *format, flow *f, es_err *err)
{
    const xmlNode *body = xml_child(xmlDocGetRootElement(content), "body");
    const xmlNode *text = xml_child(body, "text");
    const xmlNode *sheets = xml_child(body, "spreadsheet");
    if (!text && !sheets) {
        if (xml_child(body, "presentation"))
            return es_err_set(err, "OpenDocument presentation (ODP), not a document: export it as PDF");
        return es_err_set(err, "content.xml holds neither text nor a spreadsheet");
    }
    es_err ignored = {{0}};
    xmlDoc *styles = zipr_has(z, "styles.xml") ? read_part(z, "styles.xml", &ignored) : NULL;
    odf o = {.lists = NULL};
    if (text) {
        o.lists = odf_lists_new(content, styles);
        odf_blocks(&o, text, f);
        *format = ES_FORMAT_ODT;
    } else {
        ods_sheets(&o, sheets, f);
        *format = ES_FORMAT_ODS;
    }
    odf_lists_free(o.lists);
    xmlFreeDoc(styles);
    return 0;
}

int es_read_odf_package(zip_t *z, es_format want, es_source *out, es_err *err)
{
    memset(out, 0, sizeof *out);
    if (is_encrypted(z))
        return es_err_set(err, "password-protected OpenDocument file: it cannot be read without "
                               "its password; save a copy without one");
    xmlDoc *content = read_part(z, "content.xml", err);
    if (!content)
        return -1;
    flow f;
    flow_init(&f, FLOW_KEEP_BLANKS);
    es_format format = want;
    int rc = read_body(z, content, &format, &f, err);
    xmlFreeDoc(content);
    return flow_finish(&f, rc, format, "document text too large",
                       format == ES_FORMAT_ODS ? "spreadsheet has no text" : "OpenDocument text has no text",
                       out, err);
}

static int read_odt_package(zip_t *z, es_source *out, es_err *err)
{
    return es_read_odf_package(z, ES_FORMAT_ODT, out, err);
}

static int read_ods_package(zip_t *z, es_source *out, es_err *err)
{
    return es_read_odf_package(z, ES_FORMAT_ODS, out, err);
}

int es_read_odt(const char *bytes, size_t len, es_source *out, es_err *err)
{
    return es_read_package_bytes(bytes, len, read_odt_package, out, err);
}

int es_read_ods(const char *bytes, size_t len, es_source *out, es_err *err)
{
    return es_read_package_bytes(bytes, len, read_ods_package, out, err);
}
