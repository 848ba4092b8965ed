/* The extractor's state, shared by the files of the stage: the
 * vocabulary and the character sets the sentence scan tests first. */
#ifndef EDUSHELL_EXTRACTOR_H
#define EDUSHELL_EXTRACTOR_H

#include "edushell/extract/extract.h"
#include "vocab.h"

struct es_extractor {
    vocab words;
    /* One bit per code point of the 3-byte range (U+0800-U+FFFF): set for
     * the characters the sentence scan must look at (numerals, quotation
     * marks); the rest are skipped at once. */
    unsigned char scanned[(1 << 16) / 8];
    /* The same for the first characters of the sentence cue words
     * (SENTENCE_CUES), noted as the scan passes them. */
    unsigned char cue_start[(1 << 16) / 8];
    /* scanned | cue_start: one test turns most characters away. */
    unsigned char either[(1 << 16) / 8];
    /* First characters of what may follow a Chinese numeral in a quantity:
     * units, 余/多, range and fraction words. A run of numerals followed
     * by anything else (十四五规划) is skipped unparsed. */
    unsigned char after_numeral[(1 << 16) / 8];
};

/* Whether code point cp (below U+10000) is in the set. */
static inline int marked(const unsigned char *bits, unsigned cp)
{
    return bits[cp >> 3] & (1u << (cp & 7));
}

/* A new indicator at the end of the list, zeroed. */
es_indicator *indicator_push(es_indicator_list *list);

#endif
