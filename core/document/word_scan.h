/* Several words found in a text in one pass (see word_scan.c). */
#ifndef EDUSHELL_WORD_SCAN_H
#define EDUSHELL_WORD_SCAN_H

#include <stddef.h>

/* At most this many words in one scan. */
#define WORD_SCAN_MAX 32
/* Bits of the hash of a block of two bytes in the shift table. */
#define WORD_SCAN_SHIFT_BITS 12
/* The window is at most this long, so that a shift fits in a byte. */
#define WORD_SCAN_WINDOW_MAX 64

typedef struct word_scan {
    const char *const *words;
    size_t n;
    size_t lens[WORD_SCAN_MAX];
    size_t next[WORD_SCAN_MAX];   /* where each word may match again */
    const char *text;
    size_t len, at;
    size_t word;                  /* the next word to try at `at` */
    size_t window;                /* the shortest word's length, at most WORD_SCAN_WINDOW_MAX */
    size_t block;                 /* bytes of a block: 2, or 1 when a word is one byte */
    unsigned char shift[1u << WORD_SCAN_SHIFT_BITS];   /* by block key; one-byte blocks use 256 */
} word_scan;

/* Prepares a scan of text[0..len) for words[0..n) (n <= WORD_SCAN_MAX, none
 * of them empty). */
void word_scan_init(word_scan *ws, const char *text, size_t len, const char *const *words, size_t n);
/* The next occurrence of one of the words: its offset in *at and its index
 * in *which; 0 when there is none. Occurrences come by offset, then in the
 * order of the words; those of one word do not overlap: they are the ones
 * meta_find finds looking for that word again past the last. */
int word_scan_next(word_scan *ws, size_t *at, size_t *which);

#endif
