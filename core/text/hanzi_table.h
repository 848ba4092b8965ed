/* The traditional -> simplified table of hanzi.h, for the view's hot loop
 * to read inline. Private to the text stage. */
#ifndef EDUSHELL_TEXT_HANZI_TABLE_H
#define EDUSHELL_TEXT_HANZI_TABLE_H

#include <stdint.h>

enum { HANZI_FIRST = 0x4E00, HANZI_LAST = 0x9FFF };

/* Built from data/hanzi_t2s.tsv by cmake/embed_hanzi.c: for each ideograph
 * of U+4E00-U+9FFF its simplified form, 0 where it stays. */
extern const uint16_t es_hanzi_t2s_table[HANZI_LAST - HANZI_FIRST + 1];

/* The same for characters simplified Chinese writes too (後, 於, 麽): read
 * as simplified only in a text written in traditional characters. */
extern const uint16_t es_hanzi_t2s_traditional_table[HANZI_LAST - HANZI_FIRST + 1];

#endif
