/* Several words found in a text in one pass (see word_scan.c). */
#ifndef EDUSHELL_WORD_SCAN_H
#define EDUSHELL_WORD_SCAN_H

#include <stddef.h>

/* At most this many words in one scan. */
#define WORD_SCAN_MAX 32
/* Bits of the hash of a word's first bytes in the filter. */
#define WORD_SCAN_KEY_BITS 16

typedef struct word_scan {
    const char *const *words;
    size_t n;
    size_t lens[WORD_SCAN_MAX];
    size_t next[WORD_SCAN_MAX];   /* where each word may match again */
    const char *text;
    size_t len, at;
    size_t word;                  /* the next word to try at `at` */
    size_t key_bytes;             /* first bytes of a word in its filter key: 1 to 3 */
    unsigned char leads[(1u << WORD_SCAN_KEY_BITS) / 8];   /* the keys of the words */
} word_scan;

/* Prepares a scan of text[0..len) for words[0..n) (n <= WORD_SCAN_MAX, none
 * of them empty). */
void word_scan_init(word_scan *ws, const char *text, size_t len, const char *const *words, size_t n);
/* The next occurrence of one of the words: its offset in *at and its index
 * in *which; 0 when there is none. Occurrences come by offset, then in the
 * order of the words; those of one word do not overlap: they are the ones
 * meta_find finds looking for that word again past the last. */
int word_scan_next(word_scan *ws, size_t *at, size_t *which);
/* How often each word occurs, as word_scan_next finds them, in counts[0..n). */
void word_scan_count(const char *text, size_t len, const char *const *words, size_t n, size_t *counts);

#endif
