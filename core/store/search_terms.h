/* The terms of the sentences' index and how a chunk of the index is laid
 * out (private to the store; search_index.h says what the index is for).
 *
 * A text is split as the bigram tokenizer splits it (fts_bigram.h): runs
 * of characters between separators; a run c1..cm gives the pairs c1c2 ..
 * c(m-1)cm and then cm alone. Each such token is a number, its term:
 * first character << 21 | second character (0 for a character alone),
 * ASCII letters folded to lower case, an invalid byte b the character
 * 0x110000 + b. So the terms that begin with a character X are the range
 * [X << 21, X << 21 | ES_TERM_SECOND_MASK], and a search for X alone
 * reads that range: every X of a text begins some token.
 *
 * The index is written a chunk at a time: the sentences after the last
 * chunk, up to ES_CHUNK_TOKENS tokens. For each term of the chunk it keeps
 * the ids of the sentences holding it, in order. The terms' lists are
 * laid end to end, in the order of terms, in blocks of about
 * ES_BLOCK_BYTES (a list is never split: a longer one has a block of its
 * own), each block a row keyed by the chunk and its first term. A list is
 *     the term's difference from the one before it in the block (0 for
 *     the first), how many ids, the first id's difference from the
 *     chunk's first sentence, then each next id's difference from the one
 *     before,
 * each a varint of 7 bits a byte (high bit: more bytes follow). A row per
 * term and chunk would cost more for its key than its list holds.
 *
 * Terms are gathered as 64-bit keys, term << 21 | the sentence's place in
 * the chunk, and sorted: a chunk is written in one pass over sorted keys,
 * where a table of terms in memory would be looked up at random for
 * every token. */
#ifndef EDUSHELL_STORE_SEARCH_TERMS_H
#define EDUSHELL_STORE_SEARCH_TERMS_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t es_term;

enum {
    ES_TERM_CHAR_BITS = 21,
    /* A chunk holds fewer sentences than a place of 21 bits counts... */
    ES_CHUNK_SENTENCES = (1 << ES_TERM_CHAR_BITS) - 1,
    /* ... and about this many tokens (some 6 MiB of Chinese text): 16 MiB
     * of keys, and as many again to sort them with. */
    ES_CHUNK_TOKENS = 1 << 21,
    /* Within what SQLite keeps on a page of 16 KiB for a row of a table
     * without rowid. */
    ES_BLOCK_BYTES = 3900,
};
#define ES_TERM_SECOND_MASK ((es_term)((1u << ES_TERM_CHAR_BITS) - 1))
#define ES_TERM_OF(first, second) (((es_term)(first) << ES_TERM_CHAR_BITS) | (es_term)(second))

/* Bytes being written. */
typedef struct es_bytes {
    unsigned char *data;
    size_t len, cap;
} es_bytes;

/* The keys of a chunk being gathered. */
typedef struct es_term_keys {
    uint64_t *keys, *spare;
    size_t n, cap;
} es_term_keys;

/* Adds a key for each token of text[0..n): its term and `place` (below
 * 2^21). Returns the number of tokens added. */
size_t es_term_keys_add(es_term_keys *k, const unsigned char *text, int n, uint32_t place);

/* Sorts the keys by term, keeping places in the order they were added
 * for each term. */
void es_term_keys_sort(es_term_keys *k);

static inline es_term es_key_term(uint64_t key) { return key >> ES_TERM_CHAR_BITS; }
static inline uint32_t es_key_place(uint64_t key) { return (uint32_t)(key & ES_TERM_SECOND_MASK); }

void es_term_keys_clear(es_term_keys *k);
void es_term_keys_free(es_term_keys *k);

/* The most bytes es_list_encode writes for a list of n ids. */
#define ES_LIST_MAX_BYTES(n) (10 * ((size_t)(n) + 3))

/* Writes into out the list of a term: term_delta, n, then ids[0..n)
 * (ascending) as differences, the first from base. Returns its bytes. */
size_t es_list_encode(unsigned char *out, es_term term_delta, int64_t base, const int64_t *ids, size_t n);

/* Reads the lists of one block in order. */
typedef struct es_block_reader {
    const unsigned char *data;
    size_t len, at;
    es_term term;        /* the term of the list last read */
    int64_t base;        /* the chunk's first sentence id */
} es_block_reader;

void es_block_reader_init(es_block_reader *r, const unsigned char *data, size_t len, es_term first, int64_t base);
/* Reads the head of the next list: 1 with its term and the number of its
 * ids, 0 at the end of the block, -1 when the block is damaged. The ids
 * must then be read or skipped with es_block_ids. */
int es_block_next(es_block_reader *r, es_term *term, uint64_t *count);
/* Reads the `count` ids of the list whose head was read into out[0..count),
 * or skips them when out is NULL. 0, or -1 when the block is damaged. */
int es_block_ids(es_block_reader *r, uint64_t count, int64_t *out);

/* Appends v as a varint to buf (at least 10 bytes free); returns the
 * bytes written. */
size_t es_varint_put(unsigned char *buf, uint64_t v);
/* Reads a varint from buf[*at..n) into *v; returns 0, or -1 when it is cut
 * short or too long. */
int es_varint_get(const unsigned char *buf, size_t n, size_t *at, uint64_t *v);

/* The term range a query term s[0..n) of one character asks for: the
 * character alone and every pair it begins ([*lo, *hi]); for a stray
 * invalid byte only itself (a byte begins no longer token). */
void es_term_range_of_char(const unsigned char *s, int n, es_term *lo, es_term *hi);

/* The term of the pair of characters s[0..a) s[a..n). */
es_term es_term_of_pair(const unsigned char *s, int a, int n);

#endif
