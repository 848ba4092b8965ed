/* libxml2 for the readers: parsing a part safely, finding elements and
 * attributes by local name (Word, OpenDocument and workbook parts name
 * the same things under several namespaces: transitional and strict
 * OOXML, and every producer's prefixes). Private to the source stage. */
#ifndef EDUSHELL_SOURCE_XMLUTIL_H
#define EDUSHELL_SOURCE_XMLUTIL_H

#include <stddef.h>
#include <libxml/tree.h>

#include "edushell/base/common.h"

/* Makes libxml2 ready for use from several threads; safe to call often. */
void xml_init(void);

/* Parses an XML part: no network, no DTD loading, no entity expansion
 * beyond the predefined ones. NULL with the reason (naming `part` and the
 * line) in err. */
xmlDoc *xml_parse(const char *bytes, size_t len, const char *part, es_err *err);

/* Whether n is an element with this local name. */
int xml_is(const xmlNode *n, const char *local);

/* The first element child of n (with this local name, or any when NULL),
 * and the next element sibling after n (likewise). */
xmlNode *xml_child(const xmlNode *n, const char *local);
xmlNode *xml_next(const xmlNode *n, const char *local);

/* The first element below n, at any depth, with this local name. */
xmlNode *xml_find(const xmlNode *n, const char *local);

/* The value of the attribute with this local name: owned copy, or NULL. */
char *xml_attr(const xmlNode *n, const char *local);
/* Whether it exists and equals value. */
int xml_attr_is(const xmlNode *n, const char *local, const char *value);
/* As a non-negative integer; `fallback` when missing or not a number. */
long xml_attr_long(const xmlNode *n, const char *local, long fallback);

/* All text below n, concatenated: an owned string. */
char *xml_text(const xmlNode *n, size_t *len);

#endif
