/* Traditional characters read as simplified ones, for matching only: the
 * normalized view folds them so that 無錫市 finds 无锡市 and 覆蓋率 the
 * metric 覆盖率, while the raw text keeps what was written. The table
 * (data/hanzi_t2s.tsv, generated from OpenCC) maps only characters that
 * simplified Chinese does not write, each to an ideograph of the same
 * UTF-8 length, so folding changes no offset and no simplified text. A few
 * characters both write (後 后, 於 于) the view folds only in a text
 * written in traditional characters (normalize.c). */
#ifndef EDUSHELL_TEXT_HANZI_H
#define EDUSHELL_TEXT_HANZI_H

#include <stdint.h>

/* The simplified form of code point cp, or cp itself. */
int32_t es_hanzi_simplified(int32_t cp);

#endif
