/* Spreadsheet number formats: a stored number shown as its cell shows it
 * (0.982 under "0.00%" is 98.20%, 48362 under "#,##0" is 48,362, 2023
 * under 0"年" is 2023年, a date serial under yyyy"年"m"月"d"日" a date).
 * Private to the source stage. */
#ifndef EDUSHELL_SOURCE_NUMFMT_H
#define EDUSHELL_SOURCE_NUMFMT_H

#include "edushell/base/common.h"

/* The format code of one of Excel's built-in formats (numFmtId below
 * 164), in the zh-CN locale for dates; NULL for none (General). */
const char *numfmt_builtin(long id);

/* Appends `value` formatted by `code` (NULL or "General": the shortest
 * form that shows the stored digits). `date1904`: the workbook counts
 * days from 1904. */
void numfmt_format(es_buf *out, const char *code, double value, int date1904);

#endif
