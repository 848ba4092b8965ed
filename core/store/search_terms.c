/* The terms of the sentences' index, gathered and sorted a chunk at a
 * time (search_terms.h). */
#include "search_terms.h"

#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"
#include "fts_bigram.h"

static void reserve(es_term_keys *k, size_t more)
{
    if (k->n + more <= k->cap)
        return;
    size_t cap = k->cap ? k->cap : 1 << 16;
    while (cap < k->n + more)
        cap *= 2;
    k->keys = es_xrealloc(k->keys, cap * sizeof *k->keys);
    k->cap = cap;
}

static unsigned fold(unsigned cp) { return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp; }

size_t es_term_keys_add(es_term_keys *k, const unsigned char *text, int n, uint32_t place)
{
    /* No more tokens than bytes, and one more for the last run's end. */
    reserve(k, (size_t)n + 1);
    uint64_t *out = k->keys + k->n;
    size_t added = 0;
    unsigned prev = 0;
    for (int at = 0; at <= n;) {
        unsigned cp;
        int len = es_bigram_char_at(text, n, at, &cp);
        if (es_bigram_is_separator(cp)) {
            if (prev) /* the run ends: its last character, alone */
                out[added++] = (ES_TERM_OF(prev, 0) << ES_TERM_CHAR_BITS) | place;
            prev = 0;
        } else {
            cp = fold(cp);
            if (prev)
                out[added++] = (ES_TERM_OF(prev, cp) << ES_TERM_CHAR_BITS) | place;
            prev = cp;
        }
        at += len;
    }
    k->n += added;
    return added;
}

/* Least significant digit first, 11 bits at a time, over the 42 bits of
 * the term: each pass is stable, so places keep their order. */
void es_term_keys_sort(es_term_keys *k)
{
    enum { DIGIT_BITS = 11, DIGITS = 1 << DIGIT_BITS };
    if (k->n < 2)
        return;
    k->spare = es_xrealloc(k->spare, k->cap * sizeof *k->spare);
    uint64_t *from = k->keys, *to = k->spare;
    size_t *count = es_xcalloc(DIGITS, sizeof *count);
    for (int shift = ES_TERM_CHAR_BITS; shift < 64; shift += DIGIT_BITS) {
        memset(count, 0, DIGITS * sizeof *count);
        for (size_t i = 0; i < k->n; i++)
            count[(from[i] >> shift) & (DIGITS - 1)]++;
        size_t sum = 0;
        for (size_t d = 0; d < DIGITS; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t i = 0; i < k->n; i++)
            to[count[(from[i] >> shift) & (DIGITS - 1)]++] = from[i];
        uint64_t *t = from;
        from = to;
        to = t;
    }
    free(count);
    /* An even number of passes would leave them where they began. */
    k->keys = from;
    k->spare = to;
}

void es_term_keys_clear(es_term_keys *k) { k->n = 0; }

void es_term_keys_free(es_term_keys *k)
{
    free(k->keys);
    free(k->spare);
    memset(k, 0, sizeof *k);
}

size_t es_varint_put(unsigned char *buf, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        buf[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    buf[n++] = (unsigned char)v;
    return n;
}

int es_varint_get(const unsigned char *buf, size_t n, size_t *at, uint64_t *v)
{
    uint64_t value = 0;
    for (int shift = 0; shift < 64 && *at < n; shift += 7) {
        unsigned char b = buf[(*at)++];
        value |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *v = value;
            return 0;
        }
    }
    return -1;
}

size_t es_list_encode(unsigned char *out, es_term term_delta, int64_t base, const int64_t *ids, size_t n)
{
    size_t len = es_varint_put(out, term_delta);
    len += es_varint_put(out + len, n);
    int64_t prev = base;
    for (size_t i = 0; i < n; i++) {
        len += es_varint_put(out + len, (uint64_t)(ids[i] - prev));
        prev = ids[i];
    }
    return len;
}

void es_block_reader_init(es_block_reader *r, const unsigned char *data, size_t len, es_term first, int64_t base)
{
    r->data = data;
    r->len = len;
    r->at = 0;
    r->term = first;
    r->base = base;
}

int es_block_next(es_block_reader *r, es_term *term, uint64_t *count)
{
    if (r->at >= r->len)
        return 0;
    uint64_t delta;
    if (es_varint_get(r->data, r->len, &r->at, &delta) != 0 || es_varint_get(r->data, r->len, &r->at, count) != 0 ||
        *count == 0 || *count > r->len)
        return -1;
    r->term += delta;
    *term = r->term;
    return 1;
}

int es_block_ids(es_block_reader *r, uint64_t count, int64_t *out)
{
    int64_t id = r->base;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t delta;
        /* An id past the largest a rowid can be is damage, not a sum. */
        if (es_varint_get(r->data, r->len, &r->at, &delta) != 0 || id < 0 || delta > (uint64_t)(INT64_MAX - id))
            return -1;
        id += (int64_t)delta;
        if (out)
            out[i] = id;
    }
    return 0;
}

void es_term_range_of_char(const unsigned char *s, int n, es_term *lo, es_term *hi)
{
    unsigned cp;
    int len = es_bigram_decode(s, n, &cp);
    cp = fold(cp);
    *lo = ES_TERM_OF(cp, 0);
    *hi = len == n && cp < 0x110000 ? ES_TERM_OF(cp, ES_TERM_SECOND_MASK) : *lo;
}

es_term es_term_of_pair(const unsigned char *s, int a, int n)
{
    unsigned first, second;
    es_bigram_decode(s, a, &first);
    es_bigram_decode(s + a, n - a, &second);
    return ES_TERM_OF(fold(first), fold(second));
}
