/* Word's automatic numbering (word/numbering.xml, and paragraph styles
 * that number their paragraphs, word/styles.xml): the label each numbered
 * paragraph shows, "一、", "（三）", "2.1", "•", counted the way Word
 * counts. Private to the source stage. */
#ifndef EDUSHELL_SOURCE_DOCX_NUMBERING_H
#define EDUSHELL_SOURCE_DOCX_NUMBERING_H

#include <libxml/tree.h>

#include "edushell/base/common.h"

typedef struct docx_numbering docx_numbering;

/* From the parts' XML (either may be NULL: a document without lists or
 * styles). Never fails: numbering that cannot be read is left out. */
docx_numbering *docx_numbering_new(xmlDoc *numbering, xmlDoc *styles);
void docx_numbering_free(docx_numbering *num);

/* Appends the label of the paragraph with properties `ppr` (w:pPr, may be
 * NULL), followed by the separator Word puts after it, and counts the
 * paragraph in its list. Appends nothing to an unnumbered paragraph. */
void docx_numbering_label(docx_numbering *num, const xmlNode *ppr, es_buf *out);

#endif
