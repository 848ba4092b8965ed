/* The table-valued function edu_sentence_search(text [, through]): the ids
 * of the sentences the search file lists under every term of text, in
 * order, those up to `through` only when it is given.
 *
 * What it answers is what the bigram index answered (fts_bigram.h): a
 * word of one character X gives the sentences holding X (the terms that
 * begin with X); of two characters, those holding the pair; of more, those
 * holding all of its pairs, a superset that edu_span_contains narrows to
 * the sentences holding the word. Words are ANDed.
 *
 * It reads the index a chunk at a time (search_terms.h): for each chunk,
 * each word's list, the lists intersected, the ids handed out in order
 * before the next chunk is read. So a search with a LIMIT reads only the
 * chunks its first rows are in. */
#include <stdlib.h>
#include <string.h>

#include "fts_bigram.h"
#include "search_terms.h"
#include "store_private.h"

enum { COLUMN_ID, COLUMN_TEXT, COLUMN_THROUGH };
enum { HAS_THROUGH = 1 };

/* The blocks of chunk ?1 that may hold terms in [?2, ?3]: the one where
 * ?2 would be, and those after it up to ?3. */
static const char SQL_BLOCKS[] =
    "SELECT first_term, data FROM search.postings WHERE chunk = ?1 AND first_term <= ?3 AND first_term >="
    " coalesce((SELECT max(first_term) FROM search.postings WHERE chunk = ?1 AND first_term <= ?2), ?2)"
    " ORDER BY first_term";

/* What one chunk's list must hold: a term in [lo, hi]. */
typedef struct need {
    es_term lo, hi;
} need;

typedef struct id_list {
    int64_t *ids;
    size_t n, cap;
} id_list;

typedef struct search_cursor {
    sqlite3_vtab_cursor base;
    sqlite3_stmt *chunks, *blocks;
    need *needs;
    size_t nneeds;
    int64_t through;
    id_list found, list;         /* the chunk's answer; one need's list */
    size_t at;                   /* the next of found to hand out */
    int eof;
} search_cursor;

typedef struct search_vtab {
    sqlite3_vtab base;
    sqlite3 *db;
} search_vtab;

static int compare_ids(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Sorts a list gathered from several terms' pieces, each id once. */
static void list_settle(id_list *l)
{
    if (l->n < 2)
        return;
    qsort(l->ids, l->n, sizeof *l->ids, compare_ids);
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++)
        if (kept == 0 || l->ids[i] != l->ids[kept - 1])
            l->ids[kept++] = l->ids[i];
    l->n = kept;
}

/* found = found ∩ list, both in order. */
static void list_intersect(id_list *found, const id_list *list)
{
    size_t i = 0, j = 0, kept = 0;
    while (i < found->n && j < list->n) {
        if (found->ids[i] < list->ids[j]) {
            i++;
        } else if (found->ids[i] > list->ids[j]) {
            j++;
        } else {
            found->ids[kept++] = found->ids[i];
            i++;
            j++;
        }
    }
    found->n = kept;
}

static int list_room(id_list *l, size_t more)
{
    if (l->n + more <= l->cap)
        return SQLITE_OK;
    size_t cap = l->cap ? l->cap : 256;
    while (cap < l->n + more)
        cap *= 2;
    int64_t *ids = sqlite3_realloc64(l->ids, cap * sizeof *ids);
    if (!ids)
        return SQLITE_NOMEM;
    l->ids = ids;
    l->cap = cap;
    return SQLITE_OK;
}

/* Appends to l the ids of the lists of one block whose terms are in
 * [lo, hi]; *past: a term after hi was met (no later block has one). */
static int read_block(id_list *l, sqlite3_int64 chunk, es_term first, const unsigned char *data, size_t len,
                      es_term lo, es_term hi, int *past)
{
    es_block_reader r;
    es_block_reader_init(&r, data, len, first, chunk);
    es_term term;
    uint64_t count;
    int got;
    while ((got = es_block_next(&r, &term, &count)) == 1) {
        if (term > hi) {
            *past = 1;
            return SQLITE_OK;
        }
        int64_t *out = NULL;
        if (term >= lo) {
            if (list_room(l, (size_t)count) != SQLITE_OK)
                return SQLITE_NOMEM;
            out = l->ids + l->n;
            l->n += (size_t)count;
        }
        if (es_block_ids(&r, count, out) != 0)
            return SQLITE_CORRUPT;
    }
    return got == 0 ? SQLITE_OK : SQLITE_CORRUPT;
}

/* Reads into c->list the sentences of chunk `chunk` that hold a term of
 * need `nd`: from the block where the need's first term would be on. */
static int read_need(search_cursor *c, sqlite3_int64 chunk, const need *nd)
{
    c->list.n = 0;
    sqlite3_bind_int64(c->blocks, 1, chunk);
    sqlite3_bind_int64(c->blocks, 2, (sqlite3_int64)nd->lo);
    sqlite3_bind_int64(c->blocks, 3, (sqlite3_int64)nd->hi);
    int rc = SQLITE_OK, step, past = 0;
    while (rc == SQLITE_OK && !past && (step = sqlite3_step(c->blocks)) == SQLITE_ROW)
        rc = read_block(&c->list, chunk, (es_term)sqlite3_column_int64(c->blocks, 0), sqlite3_column_blob(c->blocks, 1),
                        (size_t)sqlite3_column_bytes(c->blocks, 1), nd->lo, nd->hi, &past);
    if (rc == SQLITE_OK && !past && step != SQLITE_DONE)
        rc = step;
    sqlite3_reset(c->blocks);
    /* A range of terms lists a sentence under each term it holds. */
    if (rc == SQLITE_OK && nd->lo != nd->hi)
        list_settle(&c->list);
    return rc;
}

/* The answer of one chunk into c->found. */
static int read_chunk(search_cursor *c, sqlite3_int64 chunk)
{
    c->found.n = 0;
    c->at = 0;
    for (size_t k = 0; k < c->nneeds; k++) {
        int rc = read_need(c, chunk, &c->needs[k]);
        if (rc != SQLITE_OK)
            return rc;
        if (k == 0) {
            id_list t = c->found;
            c->found = c->list;
            c->list = t;
        } else {
            list_intersect(&c->found, &c->list);
        }
        if (c->found.n == 0)
            break;
    }
    while (c->found.n > 0 && c->found.ids[c->found.n - 1] > c->through)
        c->found.n--;
    return SQLITE_OK;
}

/* Moves to the next chunk with an answer, or to the end. */
static int next_chunk(search_cursor *c)
{
    for (;;) {
        int step = sqlite3_step(c->chunks);
        if (step == SQLITE_DONE) {
            c->eof = 1;
            return SQLITE_OK;
        }
        if (step != SQLITE_ROW)
            return step;
        int rc = read_chunk(c, sqlite3_column_int64(c->chunks, 0));
        if (rc != SQLITE_OK || c->found.n > 0)
            return rc;
    }
}

static int compare_needs(const void *a, const void *b)
{
    const need *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    return (x->hi > y->hi) - (x->hi < y->hi);
}

/* The needs of a text: one per word of one character, one per pair of
 * each longer word (fts_bigram.h's split). */
static int parse_needs(search_cursor *c, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    int n = (int)strlen(text), pos = 0, start, end, nchar;
    size_t cap = (size_t)n + 1;
    c->needs = sqlite3_malloc64(cap * sizeof *c->needs);
    if (!c->needs)
        return SQLITE_NOMEM;
    c->nneeds = 0;
    while (es_bigram_next_term(s, n, &pos, &start, &end, &nchar)) {
        const unsigned char *w = s + start;
        int len = end - start;
        if (nchar == 1) {
            need *nd = &c->needs[c->nneeds++];
            es_term_range_of_char(w, len, &nd->lo, &nd->hi);
            continue;
        }
        unsigned cp;
        int a = es_bigram_decode(w, len, &cp);
        for (int at = 0; at + a < len;) {
            int b = es_bigram_decode(w + at + a, len - at - a, &cp);
            need *nd = &c->needs[c->nneeds++];
            nd->lo = nd->hi = es_term_of_pair(w + at, a, a + b);
            at += a;
            a = b;
        }
    }
    /* Each need once, however often the text repeats a word or a pair. */
    if (c->nneeds > 1)
        qsort(c->needs, c->nneeds, sizeof *c->needs, compare_needs);
    size_t kept = 0;
    for (size_t i = 0; i < c->nneeds; i++)
        if (kept == 0 || c->needs[i].lo != c->needs[kept - 1].lo || c->needs[i].hi != c->needs[kept - 1].hi)
            c->needs[kept++] = c->needs[i];
    c->nneeds = kept;
    return SQLITE_OK;
}

/* --- the module ---------------------------------------------------------- */

static int search_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out,
                          char **errmsg)
{
    (void)aux;
    (void)argc;
    (void)argv;
    (void)errmsg;
    int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(id INTEGER, text HIDDEN, through HIDDEN)");
    if (rc != SQLITE_OK)
        return rc;
    search_vtab *v = sqlite3_malloc(sizeof *v);
    if (!v)
        return SQLITE_NOMEM;
    memset(v, 0, sizeof *v);
    v->db = db;
    sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
    *out = &v->base;
    return SQLITE_OK;
}

static int search_disconnect(sqlite3_vtab *vtab)
{
    sqlite3_free(vtab);
    return SQLITE_OK;
}

/* The text must be given (else the plan is refused); through may be. The
 * ids come in order, so an ORDER BY id needs no sort. */
static int search_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info)
{
    (void)vtab;
    int text = -1, through = -1;
    for (int i = 0; i < info->nConstraint; i++) {
        const struct sqlite3_index_constraint *k = &info->aConstraint[i];
        if (k->op != SQLITE_INDEX_CONSTRAINT_EQ)
            continue;
        if (k->iColumn == COLUMN_TEXT) {
            if (!k->usable)
                return SQLITE_CONSTRAINT;
            text = i;
        } else if (k->iColumn == COLUMN_THROUGH && k->usable) {
            through = i;
        }
    }
    if (text < 0)
        return SQLITE_CONSTRAINT;
    info->aConstraintUsage[text].argvIndex = 1;
    info->aConstraintUsage[text].omit = 1;
    info->idxNum = 0;
    if (through >= 0) {
        info->aConstraintUsage[through].argvIndex = 2;
        info->aConstraintUsage[through].omit = 1;
        info->idxNum = HAS_THROUGH;
    }
    if (info->nOrderBy == 1 && (info->aOrderBy[0].iColumn == COLUMN_ID || info->aOrderBy[0].iColumn < 0) &&
        !info->aOrderBy[0].desc)
        info->orderByConsumed = 1;
    info->estimatedCost = 1000;
    info->estimatedRows = 1000;
    return SQLITE_OK;
}

static int search_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
    (void)vtab;
    search_cursor *c = sqlite3_malloc(sizeof *c);
    if (!c)
        return SQLITE_NOMEM;
    memset(c, 0, sizeof *c);
    c->eof = 1;
    *out = &c->base;
    return SQLITE_OK;
}

static void cursor_reset(search_cursor *c)
{
    sqlite3_finalize(c->chunks);
    sqlite3_finalize(c->blocks);
    c->chunks = c->blocks = NULL;
    sqlite3_free(c->needs);
    c->needs = NULL;
    c->nneeds = 0;
    c->found.n = c->list.n = 0;
    c->eof = 1;
}

static int search_close(sqlite3_vtab_cursor *cur)
{
    search_cursor *c = (search_cursor *)cur;
    cursor_reset(c);
    sqlite3_free(c->found.ids);
    sqlite3_free(c->list.ids);
    sqlite3_free(c);
    return SQLITE_OK;
}

static int fail(search_cursor *c, int rc)
{
    search_vtab *v = (search_vtab *)c->base.pVtab;
    sqlite3_free(v->base.zErrMsg);
    v->base.zErrMsg = sqlite3_mprintf("edu_sentence_search: %s",
                                      rc == SQLITE_CORRUPT ? "the search file is damaged" : sqlite3_errmsg(v->db));
    return rc;
}

static int search_filter(sqlite3_vtab_cursor *cur, int idx_num, const char *idx_str, int argc, sqlite3_value **argv)
{
    (void)idx_str;
    (void)argc;
    search_cursor *c = (search_cursor *)cur;
    search_vtab *v = (search_vtab *)cur->pVtab;
    cursor_reset(c);
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    if (!text)
        return sqlite3_value_type(argv[0]) == SQLITE_NULL ? SQLITE_OK : SQLITE_NOMEM;
    c->through = (idx_num & HAS_THROUGH) ? sqlite3_value_int64(argv[1]) : INT64_MAX;
    if ((idx_num & HAS_THROUGH) && sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return SQLITE_OK;
    int rc = parse_needs(c, text);
    if (rc != SQLITE_OK || c->nneeds == 0)
        return rc;
    rc = sqlite3_prepare_v2(v->db, "SELECT first_id FROM search.chunks WHERE first_id <= ?1 ORDER BY first_id", -1,
                            &c->chunks, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(v->db, SQL_BLOCKS, -1, &c->blocks, NULL);
    if (rc != SQLITE_OK)
        return fail(c, rc);
    sqlite3_bind_int64(c->chunks, 1, c->through);
    c->eof = 0;
    rc = next_chunk(c);
    return rc == SQLITE_OK ? rc : fail(c, rc);
}

static int search_next(sqlite3_vtab_cursor *cur)
{
    search_cursor *c = (search_cursor *)cur;
    if (++c->at < c->found.n)
        return SQLITE_OK;
    int rc = next_chunk(c);
    return rc == SQLITE_OK ? rc : fail(c, rc);
}

static int search_eof(sqlite3_vtab_cursor *cur) { return ((search_cursor *)cur)->eof; }

static int search_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int column)
{
    search_cursor *c = (search_cursor *)cur;
    if (column == COLUMN_ID)
        sqlite3_result_int64(ctx, (sqlite3_int64)c->found.ids[c->at]);
    else if (column == COLUMN_THROUGH && c->through != INT64_MAX)
        sqlite3_result_int64(ctx, c->through);
    return SQLITE_OK;
}

static int search_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    search_cursor *c = (search_cursor *)cur;
    *rowid = (sqlite3_int64)c->found.ids[c->at];
    return SQLITE_OK;
}

static const sqlite3_module SEARCH_MODULE = {
    .iVersion = 0,
    .xCreate = NULL, /* eponymous only: no CREATE VIRTUAL TABLE of it */
    .xConnect = search_connect,
    .xBestIndex = search_best_index,
    .xDisconnect = search_disconnect,
    .xDestroy = search_disconnect,
    .xOpen = search_open,
    .xClose = search_close,
    .xFilter = search_filter,
    .xNext = search_next,
    .xEof = search_eof,
    .xColumn = search_column,
    .xRowid = search_rowid,
};

int es_store_register_search_read(sqlite3 *db)
{
    return sqlite3_create_module(db, "edu_sentence_search", &SEARCH_MODULE, NULL);
}
