/* The indexer: brings the search file up to what the database has
 * committed, on a thread of its own while a load writes the next batch
 * (search_index.h says how the two stay exact). */
#include "search_index.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"

/* Text indexed per transaction of the search file: a crash loses at most
 * this much of the indexer's work, and its log stays small. */
enum { CHUNK_TEXT_BYTES = 16 << 20 };

enum { STATE_DATABASE, STATE_SENTENCES, STATE_REMOVED, NSTATE };
static const char *const STATE_KEYS[NSTATE] = {"database", "sentences", "removed"};

struct es_indexer {
    sqlite3 *db;                  /* the search file; the database attached as `data` */
    sqlite3_stmt *insert, *remove, *removals, *spans, *doc_text, *get, *set, *identity;
    pthread_mutex_t lock;
    pthread_cond_t wake, idle;
    pthread_t thread;
    int started;                  /* the thread runs */
    int asked, busy, stop;        /* under lock: poked since the last run; running; stopping */
    char *failure;                /* under lock: the thread's first error since the last wait */
};

static const struct {
    size_t offset;
    const char *sql;
} STATEMENTS[] = {
    {offsetof(es_indexer, insert), "INSERT INTO sentences_fts(rowid, text) VALUES (?1, ?2)"},
    {offsetof(es_indexer, remove), "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', ?1, ?2)"},
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

es_indexer *es_indexer_open(const char *db_path, es_err *err)
{
    sqlite3 *db = es_search_open_writer(db_path, err);
    if (!db)
        return NULL;
    es_indexer *ix = es_xcalloc(1, sizeof *ix);
    ix->db = db;
    pthread_mutex_init(&ix->lock, NULL);
    pthread_cond_init(&ix->wake, NULL);
    pthread_cond_init(&ix->idle, NULL);
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
        rc = es_store_exec(ix->db, "INSERT INTO sentences_fts(sentences_fts) VALUES ('delete-all')", err);
    } else {
        rc = 0;
    }
    sqlite3_reset(ix->identity);
    return rc;
}

static int index_row(sqlite3_stmt *st, sqlite3_int64 id, const void *text, int len, es_err *err)
{
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, text, len, SQLITE_STATIC);
    return es_store_step_done(st, err);
}

/* Takes out of the index the sentences removed since, that it holds. */
static int take_removals(es_indexer *ix, progress *p, es_err *err)
{
    sqlite3_bind_int64(ix->removals, 1, p->removed);
    int rc = 0, step = SQLITE_DONE;
    while (rc == 0 && (step = sqlite3_step(ix->removals)) == SQLITE_ROW) {
        p->removed = sqlite3_column_int64(ix->removals, 0);
        sqlite3_int64 id = sqlite3_column_int64(ix->removals, 1);
        if (id <= p->sentences)
            rc = index_row(ix->remove, id, sqlite3_column_text(ix->removals, 2),
                           sqlite3_column_bytes(ix->removals, 2), err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = es_err_set(err, "search index: %s", sqlite3_errmsg(ix->db));
    sqlite3_reset(ix->removals);
    return rc;
}

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

/* Adds the sentences after p->sentences in the order of their ids, up to
 * about CHUNK_TEXT_BYTES of text; *more tells whether some are left. Each
 * document's text is read once for all its sentences. */
static int add_sentences(es_indexer *ix, progress *p, int *more, es_err *err)
{
    sqlite3_bind_int64(ix->spans, 1, p->sentences);
    sqlite3_int64 doc = 0;
    const char *text = NULL;
    size_t len = 0, done = 0;
    int rc = 0, step = SQLITE_DONE;
    *more = 0;
    while (rc == 0 && (step = sqlite3_step(ix->spans)) == SQLITE_ROW) {
        if (done >= CHUNK_TEXT_BYTES) {
            *more = 1;
            break;
        }
        sqlite3_int64 id = sqlite3_column_int64(ix->spans, 0), doc_id = sqlite3_column_int64(ix->spans, 1);
        sqlite3_int64 start = sqlite3_column_int64(ix->spans, 2), end = sqlite3_column_int64(ix->spans, 3);
        if (doc_id != doc && (rc = open_text(ix, doc_id, &text, &len, err)) != 0)
            break;
        doc = doc_id;
        if (start < 0 || end < start || (size_t)end > len) {
            rc = es_err_set(err, "search index: sentence %lld lies outside its document", (long long)id);
            break;
        }
        rc = index_row(ix->insert, id, text + start, (int)(end - start), err);
        p->sentences = id;
        done += (size_t)(end - start);
    }
    if (rc == 0 && !*more && step != SQLITE_DONE)
        rc = es_err_set(err, "search index: %s", sqlite3_errmsg(ix->db));
    sqlite3_reset(ix->spans);
    sqlite3_reset(ix->doc_text);
    return rc;
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

static void *indexer_main(void *arg)
{
    es_indexer *ix = arg;
    pthread_mutex_lock(&ix->lock);
    for (;;) {
        while (!ix->asked && !ix->stop)
            pthread_cond_wait(&ix->wake, &ix->lock);
        if (!ix->asked)
            break;
        ix->asked = 0;
        ix->busy = 1;
        pthread_mutex_unlock(&ix->lock);
        es_err why = {{0}};
        int rc = es_indexer_catch_up(ix, &why);
        pthread_mutex_lock(&ix->lock);
        ix->busy = 0;
        if (rc != 0 && !ix->failure)
            ix->failure = es_xstrdup(why.msg);
        pthread_cond_broadcast(&ix->idle);
    }
    pthread_mutex_unlock(&ix->lock);
    return NULL;
}

void es_indexer_poke(es_indexer *ix)
{
    pthread_mutex_lock(&ix->lock);
    if (!ix->started && pthread_create(&ix->thread, NULL, indexer_main, ix) == 0)
        ix->started = 1;
    ix->asked = 1;
    pthread_cond_signal(&ix->wake);
    pthread_mutex_unlock(&ix->lock);
    if (!ix->started) {
        /* No thread to be had: the caller does the work. */
        es_err why = {{0}};
        if (es_indexer_catch_up(ix, &why) != 0 && !ix->failure)
            ix->failure = es_xstrdup(why.msg);
        ix->asked = 0;
    }
}

int es_indexer_wait(es_indexer *ix, es_err *err)
{
    pthread_mutex_lock(&ix->lock);
    while (ix->started && (ix->asked || ix->busy))
        pthread_cond_wait(&ix->idle, &ix->lock);
    char *failure = ix->failure;
    ix->failure = NULL;
    pthread_mutex_unlock(&ix->lock);
    if (!failure)
        return 0;
    if (err)
        es_err_set(err, "%s", failure);
    free(failure);
    return -1;
}

int es_indexer_close(es_indexer *ix, es_err *err)
{
    if (!ix)
        return 0;
    int rc = es_indexer_wait(ix, err);
    if (ix->started) {
        pthread_mutex_lock(&ix->lock);
        ix->stop = 1;
        pthread_cond_signal(&ix->wake);
        pthread_mutex_unlock(&ix->lock);
        pthread_join(ix->thread, NULL);
    }
    for (size_t i = 0; i < NSTATEMENTS; i++)
        sqlite3_finalize(*statement(ix, i));
    sqlite3_close(ix->db);
    pthread_cond_destroy(&ix->wake);
    pthread_cond_destroy(&ix->idle);
    pthread_mutex_destroy(&ix->lock);
    free(ix->failure);
    free(ix);
    return rc;
}
