/* Reading a table's cells (see table.c). */
#ifndef EDUSHELL_TABLE_H
#define EDUSHELL_TABLE_H

#include "classify.h"
#include "extractor.h"
#include "edushell/source/table.h"

/* Appends the figures of table t, whose cells are spans of the view;
 * `index` numbers it (from 1) in the indicators' provenance. `parts`
 * gives the zone and year of the paragraphs its cells lie in. */
void table_read(const es_extractor *ex, const es_extract_input *in, const part *parts, const es_table *t,
                int index, es_indicator_list *out);

#endif
