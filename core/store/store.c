/* Opening the database and writing documents into it, one transaction each. */
#include "edushell/store/store.h"

#include <sqlite3.h>

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts_bigram.h"
#include "store_private.h"

/* An existing non-empty file must start with SQLite's magic header; sqlite3
 * itself would only notice at the first query, with a vaguer message. */
static int check_sqlite_file(const char *path, es_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0; /* does not exist yet: it will be created */
    char head[16] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == 0)
        return 0;
    if (n < 16 || memcmp(head, "SQLite format 3", 16) != 0)
        return es_err_set(err, "not an SQLite database");
    return 0;
}

int es_store_exec(sqlite3 *db, const char *sql, es_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        es_err_set(err, "%s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Changes when another connection commits (PRAGMA data_version). */
static sqlite3_int64 data_version(sqlite3 *db)
{
    sqlite3_int64 v = -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* BEGIN IMMEDIATE takes the write lock before anything is read, so what a
 * transaction finds (is this document stored?) stays true until it
 * commits, and no write fails half-way for want of the lock. Another
 * load holds the lock for batch after batch: waiting goes on for as long
 * as it keeps committing, and ends with an error only when a writer has
 * held the lock for a whole timeout without committing anything. */
int es_store_begin(sqlite3 *db, es_err *err)
{
    sqlite3_int64 seen = data_version(db);
    for (;;) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if (rc != SQLITE_BUSY)
            return es_err_set(err, "%s", sqlite3_errmsg(db));
        sqlite3_int64 now = data_version(db);
        if (now == seen)
            return es_err_set(err, "database is locked: another process has held it for %d s"
                              " without committing", ES_STORE_BUSY_TIMEOUT_MS / 1000);
        seen = now;
    }
}

int es_store_end(sqlite3 *db, int rc, es_err *err)
{
    if (rc == 0 && es_store_exec(db, "COMMIT", err) == 0)
        return 0;
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* SQLite's names for a database in memory, which the search file (a file
 * beside the database, search_index.h) cannot follow. */
static int is_memory(const char *path)
{
    return path[0] == '\0' || strcmp(path, ":memory:") == 0 || strncmp(path, "file::memory:", 13) == 0 ||
           (strncmp(path, "file:", 5) == 0 && strstr(path, "mode=memory") != NULL);
}

/* After an upgrade: the search file is made from the database at once. */
static int build_search(const char *path, es_err *err)
{
    es_indexer *ix = es_indexer_open(path, err);
    if (!ix)
        return -1;
    int rc = es_indexer_catch_up(ix, err);
    es_indexer_close(ix, NULL);
    return rc;
}

/* A page cache of up to 32 MiB (SQLite's default is 2 MiB): a batch's
 * rows go to several indexes at once, each adding at its own end, and with
 * the small cache their pages pushed each other out, to be written to the
 * log before the commit and read back: at 1 GiB the load's system time
 * fell from 19-25 s to 13-16 s with it (three runs of four). The cache
 * grows only as pages are read, so a short session stays small. */
static const char STORE_PRAGMAS[] = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;";

/* Write-ahead logging, and the file's other settings. Turning a new file
 * to WAL needs it alone for an instant; two processes creating it at once
 * can each find the other in the way, which SQLite reports at once rather
 * than through the busy handler: the setting is tried again. */
int es_store_use_wal(sqlite3 *db, const char *more_pragmas, es_err *err)
{
    char sql[256];
    /* Pages of 16 KiB for a new file (an existing one keeps its own): a
     * load spends a seventh less time than with 4 KiB (fewer pages split
     * and written, a document's text in fewer overflow pages), and more
     * than with 64 KiB (which writes whole pages for small changes). */
    snprintf(sql, sizeof sql, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; %s", more_pragmas);
    for (int waited = 0;; waited += 10) {
        int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return 0;
        if ((rc & 0xFF) != SQLITE_BUSY || waited >= ES_STORE_BUSY_TIMEOUT_MS)
            return es_err_set(err, "%s", sqlite3_errmsg(db));
        sqlite3_sleep(10);
    }
}

es_store *es_store_open(const char *path, es_err *err) { return es_store_open_notify(path, NULL, err); }

es_store *es_store_open_notify(const char *path, const es_store_notice *notice, es_err *err)
{
    if (check_sqlite_file(path, err) != 0)
        return NULL;
    sqlite3 *db = NULL;
    if (is_memory(path)) {
        es_err_set(err, "a database in memory cannot be searched: give a file");
        return NULL;
    }
    /* No mutex per call: the store's lock keeps the threads of a load from
     * using the connection at once, and a session uses it from one. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        es_err_set(err, "%s", db ? sqlite3_errmsg(db) : "cannot open database");
        sqlite3_close(db);
        return NULL;
    }
    /* A REPL and a cron job may share one database: wait for each other's
     * write transactions instead of failing at once. */
    sqlite3_busy_timeout(db, ES_STORE_BUSY_TIMEOUT_MS);
    if (es_bigram_register(db) != SQLITE_OK || es_store_register_search_check(db) != SQLITE_OK ||
        es_store_register_search_read(db) != SQLITE_OK) {
        es_err_set(err, "cannot register the search index's tokenizer: %s", sqlite3_errmsg(db));
        sqlite3_close(db);
        return NULL;
    }
    int upgraded = -1, searchable = -1;
    es_err search_why = {{0}};
    if (es_store_use_wal(db, STORE_PRAGMAS, err) != 0 ||
        (upgraded = es_store_schema(db, notice, err)) < 0 || (searchable = es_search_attach(db, path, &search_why)) < 0 ||
        (upgraded && searchable == 0 && build_search(path, err) != 0)) {
        if (searchable < 0 && upgraded >= 0)
            es_err_set(err, "%s", search_why.msg);
        sqlite3_close(db);
        return NULL;
    }
    es_store *s = es_xcalloc(1, sizeof *s);
    /* No search file to be had: searches read the sentences, and a load
     * says why at its end (es_store_searchable). */
    if (searchable == 1)
        s->search_failure = es_xstrdup(search_why.msg);
    pthread_mutex_init(&s->lock, NULL);
    s->db = db;
    s->path = es_xstrdup(path);
    if (es_store_stmts_prepare(db, &s->stmts, err) != 0) {
        es_store_close(s);
        return NULL;
    }
    return s;
}

void es_store_close(es_store *s)
{
    if (!s)
        return;
    es_store_stmts_finalize(&s->stmts);
    es_metrics_free(&s->metrics);
    es_store_batch_free(&s->batch);
    /* The indexer finishes what was committed (what it cannot do, the next
     * one will). Each file is closed last by a connection that may write
     * it, which then folds the file's write-ahead log into it: the search
     * file by the indexer, once detached here, the database by its own. */
    sqlite3_exec(s->db, "DETACH search", NULL, NULL, NULL);
    es_indexer_close(s->indexer, NULL);
    free(s->search_failure);
    es_checkpointer_close(s->checkpointer);
    sqlite3_close(s->db); /* a batch never committed is rolled back */
    pthread_mutex_destroy(&s->lock);
    free(s->path);
    free(s);
}

struct sqlite3 *es_store_db(es_store *s) { return s->db; }
es_metric_table *es_store_metric_table(es_store *s) { return &s->metrics; }
const char *es_store_path(const es_store *s) { return s->path; }

/* Pragmas that look things up, with or without an argument (a table's
 * name, a row count): they never change anything. */
static const char *const LOOKUP_PRAGMAS[] = {
    "collation_list", "compile_options", "database_list", "foreign_key_check",
    "foreign_key_list", "function_list", "index_info", "index_list", "index_xinfo",
    "integrity_check", "module_list", "pragma_list", "quick_check", "table_info",
    "table_list", "table_xinfo", NULL,
};

/* Pragmas that read a setting when given no value, and change it when
 * given one. */
static const char *const SETTING_PRAGMAS[] = {
    "application_id", "data_version", "encoding", "foreign_keys", "freelist_count",
    "journal_mode", "page_count", "page_size", "query_only", "schema_version",
    "user_version", NULL,
};

/* Functions that reach past the database: loading native code, or
 * registering a tokenizer by pointer. */
static const char *const DENIED_FUNCTIONS[] = {"load_extension", "fts3_tokenizer", NULL};

static int listed(const char *const *list, const char *name)
{
    for (; name && *list; list++)
        if (sqlite3_stricmp(*list, name) == 0)
            return 1;
    return 0;
}

/* The read-only rule, an allow-list: selecting and reading, functions but
 * those denied, recursive queries, and pragmas that only report. Writes,
 * transactions, savepoints, ATTACH and DETACH, schema changes, ANALYZE and
 * REINDEX fall to the default. */
static int authorize(void *ud, int action, const char *a, const char *b, const char *db, const char *trigger)
{
    (void)db; (void)trigger;
    const es_store *s = ud;
    if (!s->read_only || s->own_write)
        return SQLITE_OK;
    switch (action) {
    case SQLITE_SELECT: case SQLITE_READ: case SQLITE_RECURSIVE:
        return SQLITE_OK;
    case SQLITE_FUNCTION:
        return listed(DENIED_FUNCTIONS, b) ? SQLITE_DENY : SQLITE_OK;
    case SQLITE_PRAGMA:
        return listed(LOOKUP_PRAGMAS, a) || (b == NULL && listed(SETTING_PRAGMAS, a)) ? SQLITE_OK
                                                                                      : SQLITE_DENY;
    default:
        return SQLITE_DENY;
    }
}

int es_store_read_only(es_store *s, es_err *err)
{
    s->read_only = 1;
    /* Defensive mode keeps even a reading connection from corrupting the
     * file (writable_schema, the sqlite_dbpage table). */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)NULL);
    /* The table-valued JSON functions, and edu_sentence_search, declare
     * their table the first time a connection uses them, through a
     * statement the rule would refuse: declared before the rule, they stay
     * readable under it. */
    sqlite3_exec(s->db, "SELECT 1 FROM json_each('[]'), json_tree('[]'), edu_sentence_search('')", NULL, NULL, NULL);
    if (sqlite3_set_authorizer(s->db, authorize, s) != SQLITE_OK)
        return es_err_set(err, "cannot make the database read-only: %s", sqlite3_errmsg(s->db));
    return 0;
}

/* sqlite3_progress_handler's callback: the guard's, for others' SQL only
 * (a report's run record is written whatever the script spent). */
static int guard_progress(void *ud)
{
    es_store *s = ud;
    return s->own_write ? 0 : s->guard.progress(s->guard.ctx);
}

void es_store_guard_queries(es_store *s, const es_store_guard *g)
{
    s->guard = *g;
    if (g->max_heap > 0) {
        /* Caches shrink at half the bound before allocations fail at it. */
        sqlite3_soft_heap_limit64(g->max_heap / 2);
        sqlite3_hard_heap_limit64(g->max_heap);
        int64_t longest = g->max_heap / 4;
        if (longest < 1024 * 1024)
            longest = 1024 * 1024;
        if (longest < sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, -1))
            sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, (int)longest);
    }
    static const struct { int id, value; } LIMITS[] = {
        {SQLITE_LIMIT_SQL_LENGTH, 1000000},
        {SQLITE_LIMIT_COLUMN, 500},
        {SQLITE_LIMIT_EXPR_DEPTH, 200},
        {SQLITE_LIMIT_COMPOUND_SELECT, 100},
        {SQLITE_LIMIT_FUNCTION_ARG, 100},
        {SQLITE_LIMIT_ATTACHED, 0},
        {SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000},
        {SQLITE_LIMIT_VARIABLE_NUMBER, 1000},
        {SQLITE_LIMIT_TRIGGER_DEPTH, 10},
        {SQLITE_LIMIT_WORKER_THREADS, 0},
    };
    for (size_t i = 0; g->bound_sizes && i < sizeof LIMITS / sizeof LIMITS[0]; i++)
        if (LIMITS[i].value < sqlite3_limit(s->db, LIMITS[i].id, -1))
            sqlite3_limit(s->db, LIMITS[i].id, LIMITS[i].value);
    if (g->progress && g->steps)
        sqlite3_progress_handler(s->db, (int)g->steps, guard_progress, s);
}

int es_store_is_read_only(const es_store *s) { return s->read_only; }

void es_store_map_for_queries(es_store *s, int64_t bytes)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA mmap_size = %lld", (long long)bytes);
    s->own_write = 1; /* a setting of this connection, not a change to the file */
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    s->own_write = 0;
}

void es_store_own_write(es_store *s, int on) { s->own_write = on; }

void es_store_interrupt(es_store *s) { sqlite3_interrupt(s->db); }
