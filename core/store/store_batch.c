/* Documents into the database in batches: one write transaction a batch,
 * so that a crash loses at most the batch in flight. A document is stored
 * whole or not at all: one that fails part-way has the transaction rolled
 * back and the batch's others written again (replay_batch). The
 * sentences' index is written after the commit, by the indexer on its own
 * thread (search_index.h). */
#include <stdlib.h>
#include <string.h>

#include "store_private.h"

static void batch_clear(es_batch *b) { b->n = 0; }

void es_store_batch_free(es_batch *b)
{
    batch_clear(b);
    free(b->docs);
    free(b->lost);
    memset(b, 0, sizeof *b);
}

static void batch_push(es_batch *b, const es_document *doc, sqlite3_int64 id)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->docs = es_xrealloc(b->docs, b->cap * sizeof *b->docs);
    }
    b->docs[b->n++] = (es_batch_doc){doc, id};
}

/* Where in the batch the document stored as `id` is, or -1. */
static long batch_find(const es_batch *b, sqlite3_int64 id)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->docs[i].id == id)
            return (long)i;
    return -1;
}

/* Takes entry i out of the batch (it was replaced), keeping the order of
 * the others: a replay writes them again in that order. */
static void batch_remove(es_batch *b, size_t i)
{
    memmove(&b->docs[i], &b->docs[i + 1], (b->n - i - 1) * sizeof *b->docs);
    b->n--;
}

/* An I/O error, a full disk or lack of memory makes SQLite roll back the
 * whole transaction, not only the statement: the documents stored before
 * in this batch are gone too, which the commit must report. */
static void note_if_lost(es_store *s, const char *why)
{
    if (s->batch.open && sqlite3_get_autocommit(s->db)) {
        s->batch.open = 0;
        batch_clear(&s->batch);
        s->batch.lost = es_xstrdup(why);
    }
}

/* Writes a document's rows in the batch's transaction, replacing the
 * stored one when it changed. No savepoint: one per document made every
 * page it touched be copied first, a fifth of the writing. A document that
 * fails part-way leaves rows behind, which the caller's replay_batch
 * takes away. */
static int write_document(es_store *s, const es_document *doc, es_found found, sqlite3_int64 old_id,
                          es_err *err)
{
    if (found == ES_FOUND_CHANGED && es_store_delete_doc(&s->stmts, old_id, err) != 0)
        return -1;
    sqlite3_int64 id = 0;
    if (es_store_insert_doc(&s->stmts, doc->key, doc, &id, &s->batch.next_sentence, err) != 0)
        return -1;
    /* Replaced while in this batch: a replay writes the new one alone. */
    long earlier = found == ES_FOUND_CHANGED ? batch_find(&s->batch, old_id) : -1;
    if (earlier >= 0)
        batch_remove(&s->batch, (size_t)earlier);
    batch_push(&s->batch, doc, id);
    return 0;
}

/* Looks the document up, inside the transaction (another load cannot store
 * it between the look and the write), and writes it unless stored. */
static int put_document(es_store *s, const es_document *doc, es_put_result *result, es_err *err)
{
    sqlite3_int64 old_id = 0;
    es_found found = es_store_find(&s->stmts, doc->key, doc->sha256, &old_id);
    if (found == ES_FOUND_SAME || found == ES_FOUND_ELSEWHERE) {
        *result = ES_PUT_UNCHANGED;
        return 0;
    }
    *result = found == ES_FOUND_CHANGED ? ES_PUT_REPLACED : ES_PUT_ADDED;
    return write_document(s, doc, found, old_id, err);
}

/* The first id a batch's sentences take: past every id given before,
 * removed or not (search_index.h). */
static const char SQL_NEXT_SENTENCE[] =
    "SELECT max(coalesce((SELECT max(id) FROM sentence_spans), 0),"
    "           coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'sentence_high'), 0)) + 1";
static const char SQL_SENTENCE_HIGH[] =
    "INSERT OR REPLACE INTO settings(key, value) VALUES ('sentence_high', ?1)";
/* Removed sentences the search file has taken out of its index. */
static const char SQL_FORGET_REMOVED[] =
    "DELETE FROM search_removed WHERE seq <= (SELECT value FROM search.search_state WHERE key = 'removed')"
    " AND (SELECT value FROM search.search_state WHERE key = 'database')"
    "     IS (SELECT value FROM settings WHERE key = 'search_id')";

/* Each commit's pages in the log, counted, and handed to the
 * checkpointer (a hook replaces SQLite's own folding on commit). */
static int after_commit(void *arg, sqlite3 *db, const char *schema, int frames)
{
    (void)db;
    es_store *s = arg;
    if (strcmp(schema, "main") == 0) {
        s->log_bytes = (sqlite3_int64)frames * s->page_size;
        es_checkpointer_poke(s->checkpointer);
    }
    return SQLITE_OK;
}

/* Has the log folded by the checkpointer from the first batch on; when it
 * cannot be had, SQLite folds on commit as before. */
static void start_checkpointer(es_store *s)
{
    if (s->checkpointer || s->no_checkpointer)
        return;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        s->page_size = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    es_err why = {{0}};
    s->checkpointer = s->page_size > 0 ? es_checkpointer_open(s->path, &why) : NULL;
    if (!s->checkpointer) {
        s->no_checkpointer = 1;
        return;
    }
    sqlite3_wal_hook(s->db, after_commit, s);
}

/* Past the limit, the batch waits for the log to be folded, so that its
 * first write starts the log again from its beginning (checkpoint.h). */
static void bound_log(es_store *s)
{
    if (s->checkpointer && s->log_bytes > ES_STORE_LOG_LIMIT) {
        es_checkpointer_wait(s->checkpointer);
        s->log_bytes = 0;
    }
}

static int open_batch(es_store *s, es_err *err)
{
    start_checkpointer(s);
    bound_log(s);
    if (es_store_begin(s->db, err) != 0)
        return -1;
    es_store_phrases_forget(&s->stmts.phrases);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, SQL_NEXT_SENTENCE, -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        s->batch.first_sentence = s->batch.next_sentence = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW || es_store_exec(s->db, SQL_FORGET_REMOVED, err) != 0) {
        if (rc != SQLITE_ROW)
            es_err_set(err, "%s", sqlite3_errmsg(s->db));
        return es_store_end(s->db, -1, err);
    }
    s->batch.open = 1;
    return 0;
}

/* Records the highest sentence id given, at the end of a batch that gave
 * any (a batch of unchanged documents writes nothing). */
static int record_sentence_high(es_store *s, es_err *err)
{
    if (s->batch.next_sentence == s->batch.first_sentence)
        return 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, SQL_SENTENCE_HIGH, -1, &st, NULL) != SQLITE_OK)
        return es_err_set(err, "%s", sqlite3_errmsg(s->db));
    sqlite3_bind_int64(st, 1, s->batch.next_sentence - 1);
    int rc = es_store_step_done(st, err);
    sqlite3_finalize(st);
    return rc;
}

/* After a document failed part-way: the batch's transaction is rolled
 * back and the documents stored before in it are written again, from
 * memory (the caller keeps them until the commit). The state is the one
 * they were first written in, so they store alike; should one fail all the
 * same, the batch is lost, and the commit says why. */
static void replay_batch(es_store *s)
{
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    es_batch earlier = s->batch;
    s->batch.docs = NULL;
    s->batch.n = s->batch.cap = 0;
    s->batch.open = 0;
    es_err why = {{0}};
    int rc = open_batch(s, &why);
    for (size_t i = 0; rc == 0 && i < earlier.n; i++) {
        es_put_result again;
        rc = put_document(s, earlier.docs[i].doc, &again, &why);
    }
    if (rc != 0) {
        if (s->batch.open)
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->batch.open = 0;
        batch_clear(&s->batch);
        s->batch.lost = es_xstrdup(why.msg);
    }
    batch_clear(&earlier);
    free(earlier.docs);
}

static int add_locked(es_store *s, const es_document *doc, es_put_result *result, es_err *err)
{
    if (s->batch.lost)
        return es_err_set(err, "%s", s->batch.lost);
    if (!s->batch.open && open_batch(s, err) != 0)
        return -1;
    if (put_document(s, doc, result, err) == 0)
        return 0;
    if (sqlite3_get_autocommit(s->db))
        note_if_lost(s, err->msg);
    else
        replay_batch(s);
    return -1;
}

int es_store_add(es_store *s, const es_document *doc, es_put_result *result, es_err *err)
{
    es_err local = {{0}};
    if (!err)
        err = &local;
    pthread_mutex_lock(&s->lock);
    int rc = add_locked(s, doc, result, err);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

/* Has the indexer take what was committed, opening it the first time. A
 * search file that cannot be written loses no rows: searches read the
 * text of what it lacks, and the reason waits for es_store_searchable. */
static void poke_indexer(es_store *s)
{
    if (!s->indexer && !s->search_failure) {
        es_err why = {{0}};
        s->indexer = es_indexer_open(s->path, &why);
        if (!s->indexer)
            s->search_failure = es_xstrdup(why.msg);
    }
    if (s->indexer)
        es_indexer_poke(s->indexer);
}

int es_store_searchable(es_store *s, es_err *err)
{
    pthread_mutex_lock(&s->lock);
    poke_indexer(s);
    int rc = s->indexer ? es_indexer_wait(s->indexer, err) : 0;
    if (s->search_failure) {
        if (rc == 0)
            es_err_set(err, "%s", s->search_failure);
        free(s->search_failure);
        s->search_failure = NULL;
        rc = -1;
    }
    pthread_mutex_unlock(&s->lock);
    return rc;
}

static int commit_locked(es_store *s, es_err *err)
{
    if (s->batch.lost) {
        es_err_set(err, "the batch was rolled back: %s", s->batch.lost);
        free(s->batch.lost);
        s->batch.lost = NULL;
        return -1;
    }
    if (!s->batch.open)
        return 0;
    s->batch.open = 0;
    int rc = record_sentence_high(s, err);
    batch_clear(&s->batch);
    if (es_store_end(s->db, rc, err) != 0)
        return -1;
    poke_indexer(s);
    return 0;
}

int es_store_commit(es_store *s, es_err *err)
{
    es_err local = {{0}};
    if (!err)
        err = &local;
    pthread_mutex_lock(&s->lock);
    int rc = commit_locked(s, err);
    pthread_mutex_unlock(&s->lock);
    return rc;
}

int es_store_put(es_store *s, const es_document *doc, es_put_result *result, es_err *err)
{
    int rc = es_store_add(s, doc, result, err);
    es_err why = {{0}};
    if (es_store_commit(s, &why) != 0 && rc == 0) {
        if (err)
            *err = why;
        rc = -1;
    }
    return rc;
}

int es_store_has(es_store *s, const char *key, const char *sha256)
{
    pthread_mutex_lock(&s->lock);
    int found = es_store_find(&s->stmts, key, sha256, NULL) == ES_FOUND_SAME;
    pthread_mutex_unlock(&s->lock);
    return found;
}

static int sink_has(void *ctx, const char *key, const char *sha256) { return es_store_has(ctx, key, sha256); }

static int sink_put(void *ctx, const es_document *doc, es_put_result *result, es_err *err)
{
    return es_store_add(ctx, doc, result, err);
}

static int sink_flush(void *ctx, es_err *err) { return es_store_commit(ctx, err); }

es_sink es_store_sink(es_store *s)
{
    return (es_sink){.ctx = s, .has = sink_has, .put = sink_put, .flush = sink_flush};
}
