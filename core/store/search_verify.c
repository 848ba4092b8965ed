/* The search file's check of itself (search_index.h): every block reads
 * to its end; within a chunk, terms come in order without a term twice,
 * each block's key is its first term, and each list's ids rise and lie in
 * its chunk. */
#include "search_index.h"

#include <stdlib.h>

#include "search_terms.h"
#include "store_private.h"

typedef struct verify {
    sqlite3_int64 chunk, first_id, last_id; /* the chunk being read */
    int seen;                               /* a term of the chunk was read */
    es_term last_term;
    int64_t *ids;
    size_t cap;
    sqlite3_int64 pairs;
} verify;

static int bad(es_err *err, const verify *v, const char *why)
{
    return es_err_set(err, "search index: chunk %lld: %s", (long long)v->chunk, why);
}

static int verify_block(verify *v, es_term first, const unsigned char *data, size_t len, es_err *err)
{
    es_block_reader r;
    es_block_reader_init(&r, data, len, first, v->chunk);
    es_term term;
    uint64_t count;
    int got, lists = 0;
    while ((got = es_block_next(&r, &term, &count)) == 1) {
        if ((lists++ == 0) != (term == first))
            return bad(err, v, "a block's key is not its first term");
        if (v->seen && term <= v->last_term)
            return bad(err, v, "terms out of order");
        v->seen = 1;
        v->last_term = term;
        if (count > v->cap) {
            v->cap = (size_t)count;
            v->ids = es_xrealloc(v->ids, v->cap * sizeof *v->ids);
        }
        if (es_block_ids(&r, count, v->ids) != 0)
            return bad(err, v, "a damaged list");
        for (uint64_t i = 0; i < count; i++)
            if (v->ids[i] < v->first_id || v->ids[i] > v->last_id || (i > 0 && v->ids[i] <= v->ids[i - 1]))
                return bad(err, v, "a list's ids out of order or outside the chunk");
        v->pairs += (sqlite3_int64)count;
    }
    if (got != 0 || lists == 0)
        return bad(err, v, got != 0 ? "a damaged block" : "an empty block");
    return 0;
}

int es_search_verify(sqlite3 *db, const char *schema, sqlite3_int64 *pairs, es_err *err)
{
    char *sql = sqlite3_mprintf("SELECT p.chunk, c.last_id, p.first_term, p.data FROM %w.postings p"
                                " LEFT JOIN %w.chunks c ON c.first_id = p.chunk ORDER BY p.chunk, p.first_term",
                                schema, schema);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    sqlite3_free(sql);
    if (rc != SQLITE_OK)
        return es_err_set(err, "search index: %s", sqlite3_errmsg(db));
    verify v = {.chunk = -1};
    rc = 0;
    int step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 chunk = sqlite3_column_int64(st, 0);
        if (chunk != v.chunk) {
            v.chunk = v.first_id = chunk;
            v.seen = 0;
            if (sqlite3_column_type(st, 1) == SQLITE_NULL) {
                rc = bad(err, &v, "blocks of no chunk");
                break;
            }
            v.last_id = sqlite3_column_int64(st, 1);
        }
        rc = verify_block(&v, (es_term)sqlite3_column_int64(st, 2), sqlite3_column_blob(st, 3),
                          (size_t)sqlite3_column_bytes(st, 3), err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = es_err_set(err, "search index: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    free(v.ids);
    if (rc == 0 && pairs)
        *pairs = v.pairs;
    return rc;
}
