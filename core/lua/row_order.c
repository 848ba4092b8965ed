/* Rows in the order of their keys (row_order.h): a merge sort of row
 * numbers, stable as the rows of a query ordered by all of its keys are
 * unique only in the last. */
#include "row_order.h"

#include <string.h>

/* The class of a type in SQLite's order: NULL, numbers, text, blobs. */
static int type_class(unsigned char t)
{
    switch (t) {
    case ES_KEY_NULL: return 0;
    case ES_KEY_INTEGER:
    case ES_KEY_REAL: return 1;
    case ES_KEY_TEXT: return 2;
    default: return 3;
    }
}

static int compare_int(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

/* An integer against a real by value, exactly: a real past the range of
 * integers is beyond every integer, and within it its whole part decides
 * before its fraction (which (double)i could not tell apart for integers
 * past 2^53). */
static int compare_int_real(int64_t i, double r)
{
    if (r < -9223372036854775808.0)
        return 1;
    if (r >= 9223372036854775808.0)
        return -1;
    int64_t whole = (int64_t)r; /* toward zero */
    if (i != whole)
        return compare_int(i, whole);
    double w = (double)whole; /* exact: |r| < 2^53 has every integer, larger reals have no fraction */
    return r > w ? -1 : r < w;
}

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    if (a == b && alen == blen)
        return 0; /* the same string (Lua keeps one copy of a short string) */
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen;
}

static inline int compare_keys(const es_sort_key *a, const es_sort_key *b)
{
    if (a->type == b->type) {
        switch (a->type) {
        case ES_KEY_NULL: return 0;
        case ES_KEY_INTEGER: return compare_int(a->v.i, b->v.i);
        case ES_KEY_REAL: return a->v.r < b->v.r ? -1 : a->v.r > b->v.r;
        default: return compare_bytes(a->v.s, a->len, b->v.s, b->len);
        }
    }
    int ca = type_class(a->type), cb = type_class(b->type);
    if (ca != cb)
        return ca < cb ? -1 : 1;
    /* An integer and a real. */
    return a->type == ES_KEY_INTEGER ? compare_int_real(a->v.i, b->v.r) : -compare_int_real(b->v.i, a->v.r);
}

int es_sort_key_compare(const es_sort_key *a, const es_sort_key *b)
{
    return compare_keys(a, b);
}

/* The keys from `first` on decide; the ones before tie (see sort_rows). */
typedef struct sort_by {
    const es_sort_key *keys;
    size_t nkeys, first;
    const unsigned char *desc;
} sort_by;

static int compare_key(const sort_by *by, uint32_t a, uint32_t b, size_t k)
{
    int c = compare_keys(by->keys + (size_t)a * by->nkeys + k, by->keys + (size_t)b * by->nkeys + k);
    return by->desc[k] ? -c : c;
}

static int compare_rows(const sort_by *by, uint32_t a, uint32_t b)
{
    for (size_t k = by->first; k < by->nkeys; k++) {
        int c = compare_key(by, a, b, k);
        if (c)
            return c;
    }
    return 0;
}

/* Below this many rows, insertion: fewer comparisons than merging runs of
 * one or two. */
enum { INSERTION_MAX = 12 };

static void insertion_sort(const sort_by *by, uint32_t *order, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t row = order[i];
        size_t j = i;
        for (; j > 0 && compare_rows(by, order[j - 1], row) > 0; j--)
            order[j] = order[j - 1];
        order[j] = row;
    }
}

static void merge_sort(const sort_by *by, uint32_t *order, uint32_t *scratch, size_t n)
{
    if (n <= INSERTION_MAX) {
        insertion_sort(by, order, n);
        return;
    }
    size_t half = n / 2;
    merge_sort(by, order, scratch, half);
    merge_sort(by, order + half, scratch, n - half);
    /* Halves already in order (a query's rows often nearly are) need one
     * comparison, not a merge. */
    if (compare_rows(by, order[half - 1], order[half]) <= 0)
        return;
    memcpy(scratch, order, half * sizeof *order);
    size_t i = 0, j = half, out = 0;
    while (i < half && j < n)
        order[out++] = compare_rows(by, order[j], scratch[i]) < 0 ? order[j++] : scratch[i++];
    while (i < half)
        order[out++] = scratch[i++];
}

/* Sorts n rows that tie on the keys before by.first. When they come in
 * the order of that key already (as the rows of a query that reads region
 * after region do), each run of rows equal in it is sorted on its own by
 * the keys after it: smaller sorts, one key fewer to compare, for one
 * pass over the rows. Otherwise a merge sort by all the keys left. */
static void sort_rows(sort_by by, uint32_t *order, uint32_t *scratch, size_t n)
{
    for (; by.first < by.nkeys && n > 1; by.first++) {
        size_t i = 1;
        while (i < n && compare_key(&by, order[i - 1], order[i], by.first) <= 0)
            i++;
        if (i < n) {
            merge_sort(&by, order, scratch, n);
            return;
        }
        if (compare_key(&by, order[0], order[n - 1], by.first) == 0)
            continue; /* all equal in this key: the next decides */
        sort_by rest = by;
        rest.first++;
        size_t run = 0;
        for (i = 1; i <= n; i++) {
            if (i == n || compare_key(&by, order[run], order[i], by.first) != 0) {
                sort_rows(rest, order + run, scratch, i - run);
                run = i;
            }
        }
        return;
    }
}

void es_sort_rows(uint32_t *order, uint32_t *scratch, size_t n, const es_sort_key *keys, size_t nkeys,
                  const unsigned char *desc)
{
    sort_by by = {keys, nkeys, 0, desc};
    sort_rows(by, order, scratch, n);
}
