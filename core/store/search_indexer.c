/* The indexer: brings the search file up to what the database has
 * committed, on a thread of its own while a load writes the next batch
 * (search_index.h says how the two stay exact). */
#include "search_index.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "search_terms.h"
#include "store_private.h"
#include "worker.h"

enum { STATE_DATABASE, STATE_SENTENCES, STATE_REMOVED, NSTATE };
static const char *const STATE_KEYS[NSTATE] = {"database", "sentences", "removed"};

struct es_indexer {
    sqlite3 *db;                  /* the search file; the database attached as `data` */
    sqlite3_stmt *add_chunk, *add_block, *find_chunk, *find_block, *drop_block;
    sqlite3_stmt *removals, *spans, *doc_text, *get, *set, *identity;
    es_term_keys keys;            /* the chunk's terms, or a removed sentence's */
    sqlite3_int64 *ids;           /* the chunk's sentence ids, by place */
    size_t ids_cap;
    es_bytes block, list;         /* a block being written or rewritten; one list */
    int64_t *list_ids;            /* the ids of one term's list */
    size_t list_ids_cap;
    es_worker worker;             /* the thread catching up */
};

static const struct {
    size_t offset;
    const char *sql;
} STATEMENTS[] = {
    {offsetof(es_indexer, add_chunk), "INSERT INTO chunks(first_id, last_id) VALUES (?1, ?2)"},
    {offsetof(es_indexer, add_block), "INSERT INTO postings(chunk, first_term, data) VALUES (?1, ?2, ?3)"},
    {offsetof(es_indexer, find_chunk), "SELECT first_id FROM chunks WHERE first_id <= ?1 ORDER BY first_id DESC LIMIT 1"},
    {offsetof(es_indexer, find_block),
     "SELECT first_term, data FROM postings WHERE chunk = ?1 AND first_term <= ?2 ORDER BY first_term DESC LIMIT 1"},
    {offsetof(es_indexer, drop_block), "DELETE FROM postings WHERE chunk = ?1 AND first_term = ?2"},
    {offsetof(es_indexer, removals), "SELECT seq, sentence_id, text FROM data.search_removed WHERE seq > ?1 ORDER BY seq"},
    {offsetof(es_indexer, spans), "SELECT id, doc_id, start, end FROM data.sentence_spans WHERE id > ?1 ORDER BY id"},
    {offsetof(es_indexer, doc_text), "SELECT text FROM data.documents WHERE id = ?1"},
    {offsetof(es_indexer, get), "SELECT value FROM search_state WHERE key = ?1"},
    {offsetof(es_indexer, set), "UPDATE search_state SET value = ?2 WHERE key = ?1"},
    {offsetof(es_indexer, identity), "SELECT value FROM data.settings WHERE key = 'search_id'"},
};
enum { NSTATEMENTS = sizeof STATEMENTS / sizeof STATEMENTS[0] };

static sqlite3_stmt **statement(es_indexer *ix, size_t i)
{
    return (sqlite3_stmt **)((char *)ix + STATEMENTS[i].offset);
}

/* How much less the indexer's thread asks of the processor than the
 * load's others (a nice value): rows are queryable as soon as the writer
 * is done, and the indexer, which takes a fifth of the load's work, keeps
 * up with them even so. On two cores it took 5 to 13% off the time until
 * the rows of 1 GiB were queryable, and as much off the time until they
 * were searchable (two runs each, taking turns). */
enum { INDEXER_NICENESS = 10 };

static int catch_up_work(void *ix, es_err *err);

es_indexer *es_indexer_open(const char *db_path, es_err *err)
{
    sqlite3 *db = es_search_open_writer(db_path, err);
    if (!db)
        return NULL;
    es_indexer *ix = es_xcalloc(1, sizeof *ix);
    ix->db = db;
    es_worker_init(&ix->worker, catch_up_work, ix, INDEXER_NICENESS);
    for (size_t i = 0; i < NSTATEMENTS; i++) {
        if (sqlite3_prepare_v3(db, STATEMENTS[i].sql, -1, SQLITE_PREPARE_PERSISTENT, statement(ix, i), NULL) !=
            SQLITE_OK) {
            es_err_set(err, "search index: %s", sqlite3_errmsg(db));
            es_indexer_close(ix, NULL);
            return NULL;
        }
    }
    return ix;
}

/* --- one chunk ----------------------------------------------------------- */

typedef struct progress {
    char *database;                /* the database the index is of */
    sqlite3_int64 sentences, removed;
} progress;

static int read_state(es_indexer *ix, progress *p, es_err *err)
{
    for (int k = 0; k < NSTATE; k++) {
        sqlite3_bind_text(ix->get, 1, STATE_KEYS[k], -1, SQLITE_STATIC);
        if (sqlite3_step(ix->get) != SQLITE_ROW) {
            sqlite3_reset(ix->get);
            return es_err_set(err, "search index: no %s in its state", STATE_KEYS[k]);
        }
        if (k == STATE_DATABASE) {
            const char *id = (const char *)sqlite3_column_text(ix->get, 0);
            p->database = id ? es_xstrdup(id) : NULL;
        } else {
            *(k == STATE_SENTENCES ? &p->sentences : &p->removed) = sqlite3_column_int64(ix->get, 0);
        }
        sqlite3_reset(ix->get);
    }
    return 0;
}

static int write_state(es_indexer *ix, const progress *p, es_err *err)
{
    for (int k = 0; k < NSTATE; k++) {
        sqlite3_bind_text(ix->set, 1, STATE_KEYS[k], -1, SQLITE_STATIC);
        if (k == STATE_DATABASE)
            sqlite3_bind_text(ix->set, 2, p->database, -1, SQLITE_STATIC);
        else
            sqlite3_bind_int64(ix->set, 2, k == STATE_SENTENCES ? p->sentences : p->removed);
        if (es_store_step_done(ix->set, err) != 0)
            return -1;
    }
    return 0;
}

/* The newest row of search_removed: where an index made from nothing
 * starts taking removals. */
static sqlite3_int64 newest_removal(sqlite3 *db)
{
    sqlite3_stmt *st;
    sqlite3_int64 seq = 0;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(seq), 0) FROM data.search_removed", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        seq = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return seq;
}

/* An index of another database (a file copied or replaced beside it) is
 * emptied and made again from nothing. */
static int check_identity(es_indexer *ix, progress *p, es_err *err)
{
    int rc = sqlite3_step(ix->identity);
    const char *id = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(ix->identity, 0) : NULL;
    if (!id) {
        sqlite3_reset(ix->identity);
        return es_err_set(err, "search index: the database has no search_id");
    }
    if (!p->database || strcmp(p->database, id) != 0) {
        free(p->database);
        p->database = es_xstrdup(id);
        p->sentences = 0;
        p->removed = newest_removal(ix->db);
        rc = es_store_exec(ix->db, "DELETE FROM postings; DELETE FROM chunks;", err);
    } else {
        rc = 0;
    }
    sqlite3_reset(ix->identity);
    return rc;
}

/* --- blocks ------------------------------------------------------------- */

static unsigned char *bytes_room(es_bytes *b, size_t more)
{
    if (b->len + more > b->cap) {
        b->cap = (b->len + more) * 2;
        b->data = es_xrealloc(b->data, b->cap);
    }
    return b->data + b->len;
}

static int64_t *list_room(es_indexer *ix, size_t n)
{
    if (n > ix->list_ids_cap) {
        ix->list_ids_cap = n * 2;
        ix->list_ids = es_xrealloc(ix->list_ids, ix->list_ids_cap * sizeof *ix->list_ids);
    }
    return ix->list_ids;
}

static int write_block(es_indexer *ix, sqlite3_int64 chunk, es_term first, es_err *err)
{
    sqlite3_bind_int64(ix->add_block, 1, chunk);
    sqlite3_bind_int64(ix->add_block, 2, (sqlite3_int64)first);
    sqlite3_bind_blob(ix->add_block, 3, ix->block.data, (int)ix->block.len, SQLITE_STATIC);
    ix->block.len = 0;
    return es_store_step_done(ix->add_block, err);
}

/* Adds the list of `term`, ids[0..n), to the block being written, after
 * writing that block first when the list would make it too long. */
static int add_list(es_indexer *ix, sqlite3_int64 chunk, es_term *first, es_term *last, es_term term,
                    const int64_t *ids, size_t n, es_err *err)
{
    if (ix->block.len > 0) {
        ix->list.len = 0;
        size_t len = es_list_encode(bytes_room(&ix->list, ES_LIST_MAX_BYTES(n)), term - *last, chunk, ids, n);
        if (ix->block.len + len <= ES_BLOCK_BYTES) {
            memcpy(bytes_room(&ix->block, len), ix->list.data, len);
            ix->block.len += len;
            *last = term;
            return 0;
        }
        if (write_block(ix, chunk, *first, err) != 0)
            return -1;
    }
    ix->block.len += es_list_encode(bytes_room(&ix->block, ES_LIST_MAX_BYTES(n)), 0, chunk, ids, n);
    *first = *last = term;
    return 0;
}

/* Writes the blocks of the chunk gathered in ix->keys (sorted), whose
 * sentences' ids are ix->ids[0..n). */
static int write_chunk(es_indexer *ix, size_t n, es_err *err)
{
    sqlite3_int64 chunk = ix->ids[0];
    sqlite3_bind_int64(ix->add_chunk, 1, chunk);
    sqlite3_bind_int64(ix->add_chunk, 2, ix->ids[n - 1]);
    if (es_store_step_done(ix->add_chunk, err) != 0)
        return -1;
    const uint64_t *keys = ix->keys.keys;
    es_term first = 0, last = 0;
    ix->block.len = 0;
    for (size_t i = 0, end; i < ix->keys.n; i = end) {
        es_term term = es_key_term(keys[i]);
        for (end = i + 1; end < ix->keys.n && es_key_term(keys[end]) == term; end++)
            ;
        int64_t *ids = list_room(ix, end - i);
        size_t count = 0;
        for (size_t k = i; k < end; k++) {
            int64_t id = ix->ids[es_key_place(keys[k])];
            if (count == 0 || ids[count - 1] != id) /* not the term again in the same sentence */
                ids[count++] = id;
        }
        if (add_list(ix, chunk, &first, &last, term, ids, count, err) != 0)
            return -1;
    }
    return ix->block.len > 0 ? write_block(ix, chunk, first, err) : 0;
}

/* --- removals ------------------------------------------------------------ */

/* A sentence to take out of a term's list in a chunk. */
typedef struct removal {
    sqlite3_int64 chunk;
    es_term term;
    sqlite3_int64 id;
} removal;

static int compare_removals(const void *a, const void *b)
{
    const removal *x = a, *y = b;
    if (x->chunk != y->chunk)
        return x->chunk < y->chunk ? -1 : 1;
    if (x->term != y->term)
        return x->term < y->term ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* One block, decoded to be edited: its lists, each a term and a run of
 * ids in `ids`. */
typedef struct open_block {
    sqlite3_int64 chunk;
    es_term key;                  /* its first term when read: its row's key */
    es_term *terms;
    size_t *starts, *counts;
    size_t nlists, cap;
    int64_t *ids;
    size_t nids, ids_cap;
    int open, changed;
} open_block;

static int open_block_read(open_block *b, sqlite3_int64 chunk, es_term key, const unsigned char *data, size_t len)
{
    es_block_reader r;
    es_block_reader_init(&r, data, len, key, chunk);
    b->chunk = chunk;
    b->key = key;
    b->nlists = b->nids = 0;
    b->open = 1;
    b->changed = 0;
    es_term t;
    uint64_t count;
    int rc;
    while ((rc = es_block_next(&r, &t, &count)) == 1) {
        if (b->nlists == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 256;
            b->terms = es_xrealloc(b->terms, b->cap * sizeof *b->terms);
            b->starts = es_xrealloc(b->starts, b->cap * sizeof *b->starts);
            b->counts = es_xrealloc(b->counts, b->cap * sizeof *b->counts);
        }
        if (b->nids + count > b->ids_cap) {
            b->ids_cap = (b->nids + (size_t)count) * 2;
            b->ids = es_xrealloc(b->ids, b->ids_cap * sizeof *b->ids);
        }
        b->terms[b->nlists] = t;
        b->starts[b->nlists] = b->nids;
        b->counts[b->nlists++] = (size_t)count;
        if (es_block_ids(&r, count, b->ids + b->nids) != 0)
            return -1;
        b->nids += (size_t)count;
    }
    return rc;
}

/* Takes ids[0..n) (ascending) out of the list of `term`, if the block has it. */
static void open_block_remove(open_block *b, es_term term, const sqlite3_int64 *ids, size_t n)
{
    size_t lo = 0, hi = b->nlists;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (b->terms[mid] < term)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == b->nlists || b->terms[lo] != term)
        return;
    int64_t *list = b->ids + b->starts[lo];
    size_t kept = 0, j = 0;
    for (size_t i = 0; i < b->counts[lo]; i++) {
        while (j < n && ids[j] < list[i])
            j++;
        if (j < n && ids[j] == list[i])
            continue;
        list[kept++] = list[i];
    }
    b->changed |= kept != b->counts[lo];
    b->counts[lo] = kept;
}

/* Writes an edited block back in place of its row (none when it lost
 * every list), and closes it. */
static int open_block_write(es_indexer *ix, open_block *b, es_err *err)
{
    int was_open = b->open;
    b->open = 0;
    if (!was_open || !b->changed)
        return 0;
    sqlite3_bind_int64(ix->drop_block, 1, b->chunk);
    sqlite3_bind_int64(ix->drop_block, 2, (sqlite3_int64)b->key);
    if (es_store_step_done(ix->drop_block, err) != 0)
        return -1;
    ix->block.len = 0;
    es_term first = 0, last = 0;
    for (size_t l = 0; l < b->nlists; l++) {
        size_t n = b->counts[l];
        if (n == 0)
            continue;
        if (ix->block.len == 0)
            first = last = b->terms[l];
        ix->block.len += es_list_encode(bytes_room(&ix->block, ES_LIST_MAX_BYTES(n)), b->terms[l] - last, b->chunk,
                                        b->ids + b->starts[l], n);
        last = b->terms[l];
    }
    return ix->block.len > 0 ? write_block(ix, b->chunk, first, err) : 0;
}

static void open_block_free(open_block *b)
{
    free(b->terms);
    free(b->starts);
    free(b->counts);
    free(b->ids);
}

/* Makes the block that holds `term` in `chunk` the open one, writing
 * back the one open before; *none: the chunk has no such block. */
static int open_block_for(es_indexer *ix, open_block *b, sqlite3_int64 chunk, es_term term, int *none, es_err *err)
{
    sqlite3_stmt *st = ix->find_block;
    sqlite3_bind_int64(st, 1, chunk);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)term);
    int step = sqlite3_step(st);
    *none = step == SQLITE_DONE;
    int rc = 0;
    if (step == SQLITE_ROW) {
        es_term key = (es_term)sqlite3_column_int64(st, 0);
        /* The open block itself: its row is as it was read, until written. */
        if (!(b->open && b->chunk == chunk && b->key == key)) {
            rc = open_block_write(ix, b, err);
            /* Read again after the write, which may have moved the row. */
            sqlite3_reset(st);
            if (rc == 0 && sqlite3_step(st) == SQLITE_ROW &&
                open_block_read(b, chunk, (es_term)sqlite3_column_int64(st, 0), sqlite3_column_blob(st, 1),
                                (size_t)sqlite3_column_bytes(st, 1)) != 0)
                rc = es_err_set(err, "search index: a damaged block of chunk %lld", (long long)chunk);
        }
    } else if (step != SQLITE_DONE) {
        rc = es_err_set(err, "search index: %s", sqlite3_errmsg(ix->db));
    }
    sqlite3_reset(st);
    return rc;
}

/* Takes the gathered removals out of the lists: in the order of chunk
 * and term, so that each block is read and written once. */
static int apply_removals(es_indexer *ix, removal *r, size_t n, es_err *err)
{
    qsort(r, n, sizeof *r, compare_removals);
    open_block b = {0};
    sqlite3_int64 *ids = es_xcalloc(n ? n : 1, sizeof *ids);
    int rc = 0;
    for (size_t i = 0, end; rc == 0 && i < n; i = end) {
        size_t k = 0;
        for (end = i; end < n && r[end].chunk == r[i].chunk && r[end].term == r[i].term; end++)
            if (k == 0 || ids[k - 1] != r[end].id)
                ids[k++] = r[end].id;
        int none;
        rc = open_block_for(ix, &b, r[i].chunk, r[i].term, &none, err);
        if (rc == 0 && !none)
            open_block_remove(&b, r[i].term, ids, k);
    }
    if (rc == 0)
        rc = open_block_write(ix, &b, err);
    open_block_free(&b);
    free(ids);
    return rc;
}

/* The chunk sentence `id` was indexed in; 0 when none. */
static sqlite3_int64 chunk_of(es_indexer *ix, sqlite3_int64 id)
{
    sqlite3_bind_int64(ix->find_chunk, 1, id);
    sqlite3_int64 chunk = sqlite3_step(ix->find_chunk) == SQLITE_ROW ? sqlite3_column_int64(ix->find_chunk, 0) : 0;
    sqlite3_reset(ix->find_chunk);
    return chunk;
}

/* Adds a removal for each term of sentence `id`, whose text was
 * text[0..n). */
static void gather_removal(es_indexer *ix, removal **r, size_t *nr, size_t *cap, sqlite3_int64 id,
                           const unsigned char *text, int n)
{
    sqlite3_int64 chunk = chunk_of(ix, id);
    if (chunk <= 0)
        return;
    es_term_keys_clear(&ix->keys);
    es_term_keys_add(&ix->keys, text, n, 0);
    if (*nr + ix->keys.n > *cap) {
        *cap = (*nr + ix->keys.n) * 2;
        *r = es_xrealloc(*r, *cap * sizeof **r);
    }
    for (size_t i = 0; i < ix->keys.n; i++)
        (*r)[(*nr)++] = (removal){chunk, es_key_term(ix->keys.keys[i]), id};
}

/* Takes out of the index the sentences removed since, that it holds, a
 * chunk's worth of terms at a time. */
static int take_removals(es_indexer *ix, progress *p, es_err *err)
{
    sqlite3_bind_int64(ix->removals, 1, p->removed);
    removal *r = NULL;
    size_t nr = 0, cap = 0;
    int rc = 0, step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(ix->removals)) == SQLITE_ROW) {
        p->removed = sqlite3_column_int64(ix->removals, 0);
        sqlite3_int64 id = sqlite3_column_int64(ix->removals, 1);
        if (id <= p->sentences)
            gather_removal(ix, &r, &nr, &cap, id, sqlite3_column_text(ix->removals, 2),
                           sqlite3_column_bytes(ix->removals, 2));
        if (nr >= ES_CHUNK_TOKENS) {
            rc = apply_removals(ix, r, nr, err);
            nr = 0;
        }
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = es_err_set(err, "search index: %s", sqlite3_errmsg(ix->db));
    sqlite3_reset(ix->removals);
    if (rc == 0 && nr > 0)
        rc = apply_removals(ix, r, nr, err);
    free(r);
    return rc;
}

/* --- a chunk of new sentences -------------------------------------------- */

/* Reads document `doc_id`'s text into ix->doc_text's row. */
static int open_text(es_indexer *ix, sqlite3_int64 doc_id, const char **text, size_t *len, es_err *err)
{
    sqlite3_reset(ix->doc_text);
    sqlite3_bind_int64(ix->doc_text, 1, doc_id);
    if (sqlite3_step(ix->doc_text) != SQLITE_ROW)
        return es_err_set(err, "search index: document %lld: %s", (long long)doc_id,
                          sqlite3_errmsg(ix->db));
    *text = (const char *)sqlite3_column_text(ix->doc_text, 0);
    *len = (size_t)sqlite3_column_bytes(ix->doc_text, 0);
    return 0;
}

static void note_id(es_indexer *ix, size_t place, sqlite3_int64 id)
{
    if (place >= ix->ids_cap) {
        ix->ids_cap = ix->ids_cap ? ix->ids_cap * 2 : 4096;
        ix->ids = es_xrealloc(ix->ids, ix->ids_cap * sizeof *ix->ids);
    }
    ix->ids[place] = id;
}

/* Gathers the terms of the sentences after p->sentences in the order of
 * their ids, up to a chunk's worth (search_terms.h), reading each
 * document's text once for all its sentences; *n: how many; *more: whether
 * some are left. */
static int gather_sentences(es_indexer *ix, progress *p, size_t *n, int *more, es_err *err)
{
    sqlite3_bind_int64(ix->spans, 1, p->sentences);
    sqlite3_int64 doc = 0;
    const char *text = NULL;
    size_t len = 0;
    int rc = 0, step = SQLITE_DONE;
    es_term_keys_clear(&ix->keys);
    *n = 0;
    *more = 0;
    while (rc == 0 && (step = sqlite3_step(ix->spans)) == SQLITE_ROW) {
        if (ix->keys.n >= ES_CHUNK_TOKENS || *n >= ES_CHUNK_SENTENCES) {
            *more = 1;
            break;
        }
        sqlite3_int64 id = sqlite3_column_int64(ix->spans, 0), doc_id = sqlite3_column_int64(ix->spans, 1);
        sqlite3_int64 start = sqlite3_column_int64(ix->spans, 2), end = sqlite3_column_int64(ix->spans, 3);
        if (doc_id != doc && (rc = open_text(ix, doc_id, &text, &len, err)) != 0)
            break;
        doc = doc_id;
        if (start < 0 || end < start || (size_t)end > len || end - start > INT32_MAX) {
            rc = es_err_set(err, "search index: sentence %lld lies outside its document", (long long)id);
            break;
        }
        note_id(ix, *n, id);
        es_term_keys_add(&ix->keys, (const unsigned char *)text + start, (int)(end - start), (uint32_t)*n);
        ++*n;
        p->sentences = id;
    }
    if (rc == 0 && !*more && step != SQLITE_DONE)
        rc = es_err_set(err, "search index: %s", sqlite3_errmsg(ix->db));
    sqlite3_reset(ix->spans);
    sqlite3_reset(ix->doc_text);
    return rc;
}

static int add_sentences(es_indexer *ix, progress *p, int *more, es_err *err)
{
    size_t n;
    if (gather_sentences(ix, p, &n, more, err) != 0)
        return -1;
    if (n == 0)
        return 0;
    es_term_keys_sort(&ix->keys);
    return write_chunk(ix, n, err);
}

/* One transaction of the search file: the removals, then a chunk of new
 * sentences. The write lock is taken first, and the database read after:
 * two indexers (two loads at once) take turns, each reading at least
 * what the other indexed. */
static int index_chunk(es_indexer *ix, int *more, es_err *err)
{
    if (es_store_begin(ix->db, err) != 0)
        return -1;
    progress p = {0};
    int rc = read_state(ix, &p, err);
    if (rc == 0)
        rc = check_identity(ix, &p, err);
    if (rc == 0)
        rc = take_removals(ix, &p, err);
    if (rc == 0)
        rc = add_sentences(ix, &p, more, err);
    if (rc == 0)
        rc = write_state(ix, &p, err);
    free(p.database);
    return es_store_end(ix->db, rc, err);
}

int es_indexer_catch_up(es_indexer *ix, es_err *err)
{
    int more = 1;
    while (more)
        if (index_chunk(ix, &more, err) != 0)
            return -1;
    return 0;
}

/* --- the thread ---------------------------------------------------------- */


static int catch_up_work(void *ix, es_err *err) { return es_indexer_catch_up(ix, err); }

void es_indexer_poke(es_indexer *ix) { es_worker_poke(&ix->worker); }

int es_indexer_wait(es_indexer *ix, es_err *err) { return es_worker_wait(&ix->worker, err); }

int es_indexer_close(es_indexer *ix, es_err *err)
{
    if (!ix)
        return 0;
    int rc = es_worker_stop(&ix->worker, err);
    for (size_t i = 0; i < NSTATEMENTS; i++)
        sqlite3_finalize(*statement(ix, i));
    sqlite3_close(ix->db);
    es_term_keys_free(&ix->keys);
    free(ix->ids);
    free(ix->block.data);
    free(ix->list.data);
    free(ix->list_ids);
    free(ix);
    return rc;
}
