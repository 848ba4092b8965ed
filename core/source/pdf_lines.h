/* A PDF's lines back into paragraphs. A PDF holds placed lines, not
 * paragraphs: a line that reaches the right margin and is followed by one
 * that starts at the left margin continues its sentence, within a page and
 * across pages; a short line, an indented line or a wide gap ends a
 * paragraph. Page numbers at the top or bottom of a page, and running
 * heads and feet (a line that opens or closes most pages), are not text.
 * Private to the source stage. */
#ifndef EDUSHELL_SOURCE_PDF_LINES_H
#define EDUSHELL_SOURCE_PDF_LINES_H

#include <stddef.h>

#include "flow.h"

typedef struct pdf_line {
    char *text;               /* owned, UTF-8, one line */
    size_t len;
    double x0, x1, y0, y1;    /* its box on the page; all 0 when unknown */
} pdf_line;

typedef struct pdf_page {
    pdf_line *lines;
    size_t n, cap;
    double em;                /* the body text's character width; 0 when unknown */
} pdf_page;

/* Takes `text` (one line, as the PDF library gives it). */
void pdf_page_add(pdf_page *p, char *text, size_t len, double x0, double x1, double y0, double y1);
void pdf_page_free(pdf_page *p);

/* Whether the page has any text that is not blank. */
int pdf_page_has_text(const pdf_page *p);

/* Writes the pages into the flow, one paragraph a line, and sets
 * page_starts[k] to where page k's text begins. */
void pdf_write_pages(pdf_page *pages, size_t npages, flow *f, size_t *page_starts);

#endif
