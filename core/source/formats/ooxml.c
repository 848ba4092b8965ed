/* Relationships of Office Open XML packages (ooxml.h). */
#include "ooxml.h"

#include <stdlib.h>
#include <string.h>

#include "xmlutil.h"
#include "ziputil.h"

/* _rels/.rels for the package, word/_rels/document.xml.rels for
 * word/document.xml. */
static char *rels_part_of(const char *part)
{
    es_buf b = {0};
    const char *slash = strrchr(part, '/');
    if (slash)
        es_buf_append(&b, part, (size_t)(slash - part) + 1);
    es_buf_printf(&b, "_rels/%s.rels", slash ? slash + 1 : part);
    return es_buf_take(&b, NULL);
}

int ooxml_rels_load(zip_t *z, const char *part, ooxml_rels *rels, es_err *err)
{
    memset(rels, 0, sizeof *rels);
    char *name = rels_part_of(part);
    if (!zipr_has(z, name)) {
        free(name);
        return 0;
    }
    char *bytes = NULL;
    size_t len = 0;
    int rc = zipr_read(z, name, &bytes, &len, err);
    xmlDoc *doc = rc == 0 ? xml_parse(bytes, len, name, err) : NULL;
    if (rc == 0 && !doc)
        rc = -1;
    if (rc == 0) {
        xmlNode *root = xmlDocGetRootElement(doc);
        size_t cap = 0;
        for (xmlNode *r = xml_child(root, "Relationship"); r; r = xml_next(r, "Relationship")) {
            char *target = xml_attr(r, "Target");
            if (!target)
                continue;
            if (rels->n == cap) {
                cap = cap ? 2 * cap : 8;
                rels->items = es_xrealloc(rels->items, cap * sizeof *rels->items);
            }
            ooxml_rel *rel = &rels->items[rels->n++];
            rel->id = xml_attr(r, "Id");
            rel->type = xml_attr(r, "Type");
            rel->target = NULL;
            if (!xml_attr_is(r, "TargetMode", "External"))
                rel->target = zipr_resolve(part, target);
            free(target);
        }
        xmlFreeDoc(doc);
    }
    free(bytes);
    free(name);
    return rc;
}

void ooxml_rels_free(ooxml_rels *rels)
{
    for (size_t k = 0; k < rels->n; k++) {
        free(rels->items[k].id);
        free(rels->items[k].type);
        free(rels->items[k].target);
    }
    free(rels->items);
    memset(rels, 0, sizeof *rels);
}

const char *ooxml_rel_by_id(const ooxml_rels *rels, const char *id)
{
    for (size_t k = 0; id && k < rels->n; k++)
        if (rels->items[k].id && strcmp(rels->items[k].id, id) == 0)
            return rels->items[k].target;
    return NULL;
}

const char *ooxml_rel_by_type(const ooxml_rels *rels, const char *type_suffix)
{
    size_t sl = strlen(type_suffix);
    for (size_t k = 0; k < rels->n; k++) {
        const char *type = rels->items[k].type;
        size_t tl = type ? strlen(type) : 0;
        if (tl > sl && type[tl - sl - 1] == '/' && strcmp(type + tl - sl, type_suffix) == 0 &&
            rels->items[k].target)
            return rels->items[k].target;
    }
    return NULL;
}

char *ooxml_main_part(zip_t *z, const char *fallback)
{
    ooxml_rels rels;
    es_err ignored = {{0}};
    const char *main = NULL;
    if (ooxml_rels_load(z, "", &rels, &ignored) == 0)
        main = ooxml_rel_by_type(&rels, "officeDocument");
    char *part = es_xstrdup(main && zipr_has(z, main) ? main : fallback);
    ooxml_rels_free(&rels);
    return part;
}
