/* Traditional characters read as simplified ones (hanzi.h). The table is
 * built from data/hanzi_t2s.tsv at compile time: one entry per ideograph
 * of U+4E00-U+9FFF, 0 where the character stays. */
#include "edushell/text/hanzi.h"

#include "hanzi_table.h"

int32_t es_hanzi_simplified(int32_t cp)
{
    if (cp < HANZI_FIRST || cp > HANZI_LAST)
        return cp;
    uint16_t to = es_hanzi_t2s_table[cp - HANZI_FIRST];
    return to ? (int32_t)to : cp;
}
