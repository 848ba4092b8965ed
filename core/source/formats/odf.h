/* OpenDocument (ODT text, ODS spreadsheets): what the two readers share.
 * Private to the source stage. */
#ifndef EDUSHELL_SOURCE_ODF_H
#define EDUSHELL_SOURCE_ODF_H

#include <libxml/tree.h>

#include "flow.h"
#include "grid.h"

typedef struct odf_lists odf_lists;

typedef struct odf {
    odf_lists *lists;   /* list styles and their counters; NULL in a spreadsheet */
    int depth;          /* of nested blocks */
} odf;

/* Block content (paragraphs, headings, lists, sections, tables, frames)
 * of `parent`, written into the flow. */
void odf_blocks(odf *o, const xmlNode *parent, flow *f);

/* Reads the rows of a table:table into a grid, each cell's text written by
 * `cell_text` (which returns an owned string, or NULL for an empty cell).
 * Repeated rows and columns are expanded only where they hold something. */
typedef char *(*odf_cell_fn)(odf *o, const xmlNode *cell, size_t *len);
void odf_table_grid(odf *o, const xmlNode *table, odf_cell_fn cell_text, grid *g);

/* A cell's content as blocks (ODT), as one owned string. */
char *odf_cell_blocks(odf *o, const xmlNode *cell, size_t *len);

/* Lists: their styles from content.xml and styles.xml (either may be NULL). */
odf_lists *odf_lists_new(xmlDoc *content, xmlDoc *styles);
void odf_lists_free(odf_lists *lists);

/* The spreadsheet body (office:spreadsheet): each sheet a table. */
void ods_sheets(odf *o, const xmlNode *spreadsheet, flow *f);

#endif
