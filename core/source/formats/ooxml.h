/* Office Open XML packages (Word and Excel files): the relationships that
 * lead from one part to another. Private to the source stage. */
#ifndef EDUSHELL_SOURCE_OOXML_H
#define EDUSHELL_SOURCE_OOXML_H

#include <stddef.h>
#include <zip.h>

#include "edushell/base/common.h"

typedef struct ooxml_rel {
    char *id, *type, *target;   /* target resolved to a part name; NULL when external */
} ooxml_rel;

typedef struct ooxml_rels {
    ooxml_rel *items;
    size_t n;
} ooxml_rels;

/* The relationships of `part` ("" for the package's own, _rels/.rels).
 * A package part without relationships has none: that is not an error. */
int ooxml_rels_load(zip_t *z, const char *part, ooxml_rels *rels, es_err *err);
void ooxml_rels_free(ooxml_rels *rels);

/* The target of the relationship with this id, or of the first whose type
 * ends with "/" + type_suffix; NULL when there is none. Borrowed. */
const char *ooxml_rel_by_id(const ooxml_rels *rels, const char *id);
const char *ooxml_rel_by_type(const ooxml_rels *rels, const char *type_suffix);

/* The package's main part (officeDocument relationship), or `fallback`
 * when the package does not say. Returns a new string. */
char *ooxml_main_part(zip_t *z, const char *fallback);

#endif
