/* List numbers written out as Word and OpenDocument show them: 3 as "3",
 * "三", "③", "C", "iii", "丙" ... Private to the source stage. */
#ifndef EDUSHELL_SOURCE_LISTNUM_H
#define EDUSHELL_SOURCE_LISTNUM_H

#include "edushell/base/common.h"

/* Appends n in the numbering format named as Word names them (w:numFmt:
 * "decimal", "chineseCounting", "decimalEnclosedCircle", "upperLetter",
 * "lowerRoman", "ideographTraditional", ...). Unknown formats and numbers
 * a format cannot show are written in decimal. */
void listnum_format(es_buf *out, const char *format, long n);

#endif
