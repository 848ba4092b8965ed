/* Rows put in the order of an SQL ORDER BY on their keys, in C: for the
 * library's queries of thousands of rows, whose sort in SQLite carried
 * every column of every row through records compared field by field. The
 * keys are compared as SQLite compares values with the BINARY collation:
 * NULL first, then numbers (integers and reals by value), then text and
 * then blobs, each byte by byte and the shorter first on a common prefix. */
#ifndef EDUSHELL_LUA_ROW_ORDER_H
#define EDUSHELL_LUA_ROW_ORDER_H

#include <stddef.h>
#include <stdint.h>

typedef enum es_key_type { ES_KEY_NULL, ES_KEY_INTEGER, ES_KEY_REAL, ES_KEY_TEXT, ES_KEY_BLOB } es_key_type;

/* One key of one row. Text and blobs point at bytes their caller keeps
 * alive until the sort is done (strings held by the rows built). */
typedef struct es_sort_key {
    union {
        int64_t i;
        double r;
        const char *s;
    } v;
    uint32_t len;        /* of text or blob (SQLite's are shorter than 2^31) */
    unsigned char type;  /* es_key_type */
} es_sort_key;

/* <0, 0, >0 as a comes before, ties or comes after b. */
int es_sort_key_compare(const es_sort_key *a, const es_sort_key *b);

/* Sorts `order` (n row numbers from 0) by the rows' keys: row r's are
 * keys[r * nkeys .. r * nkeys + nkeys - 1], key k descending when
 * desc[k]. Stable: rows whose keys tie keep the order they had. `scratch`
 * holds n row numbers. */
void es_sort_rows(uint32_t *order, uint32_t *scratch, size_t n, const es_sort_key *keys, size_t nkeys,
                  const unsigned char *desc);

#endif
