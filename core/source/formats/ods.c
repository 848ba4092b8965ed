/* OpenDocument spreadsheets (ODS): each sheet a table.
 *
 * A cell reads as it is shown: LibreOffice stores the text a cell
 * displays (98.20%, 48,362) beside its value, and that text is what a
 * reader of the sheet sees and quotes. A cell written without it by some
 * other program reads as its value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "odf.h"
#include "xmlutil.h"

/* The value of a cell that stores no display text. */
static char *value_text(const xmlNode *cell, size_t *len)
{
    char *type = xml_attr(cell, "value-type");
    char *shown = NULL;
    if (!type) {
        shown = NULL;
    } else if (strcmp(type, "percentage") == 0) {
        char *v = xml_attr(cell, "value");
        if (v) {
            char buf[64];
            snprintf(buf, sizeof buf, "%.15g%%", strtod(v, NULL) * 100);
            shown = es_xstrdup(buf);
        }
        free(v);
    } else if (strcmp(type, "date") == 0) {
        shown = xml_attr(cell, "date-value");
    } else if (strcmp(type, "time") == 0) {
        shown = xml_attr(cell, "time-value");
    } else if (strcmp(type, "boolean") == 0) {
        shown = xml_attr(cell, "boolean-value");
    } else if (strcmp(type, "string") != 0) {
        shown = xml_attr(cell, "value");   /* float, currency */
    }
    free(type);
    *len = shown ? strlen(shown) : 0;
    return shown;
}

static char *cell_text(odf *o, const xmlNode *cell, size_t *len)
{
    if (xml_child(cell, "p") || xml_child(cell, "h") || xml_child(cell, "list"))
        return odf_cell_blocks(o, cell, len);
    return value_text(cell, len);
}

void ods_sheets(odf *o, const xmlNode *spreadsheet, flow *f)
{
    for (const xmlNode *t = xml_child(spreadsheet, "table"); t; t = xml_next(t, "table")) {
        char *name = xml_attr(t, "name");
        grid g;
        grid_init(&g);
        odf_table_grid(o, t, cell_text, &g);
        flow_paragraph(f);
        grid_write(&g, f, name);
        grid_free(&g);
        free(name);
    }
}
