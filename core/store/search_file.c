/* The search file: its name, its schema, and how the database's connection
 * reads it (search_index.h says why it is a file of its own). */
#include "search_index.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts_bigram.h"
#include "store_private.h"

/* The search file's own schema version (PRAGMA user_version): 1 held an
 * FTS5 table, which a file of version 1 is made again without. */
enum { SEARCH_FILE_VERSION = 2 };

/* The sentences' text is the database's: the index keeps which sentences
 * hold each term, a chunk at a time (search_terms.h): for each chunk its
 * first and last sentence id, and its blocks of terms' lists. The key
 * puts a chunk's rows after the last chunk's, so writing one appends to
 * the table rather than rewriting its pages. */
static const char SEARCH_SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS chunks (first_id INTEGER PRIMARY KEY, last_id INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS postings ("
    "    chunk INTEGER NOT NULL, first_term INTEGER NOT NULL, data BLOB NOT NULL,"
    "    PRIMARY KEY (chunk, first_term)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS search_state (key TEXT PRIMARY KEY, value);"
    "INSERT OR IGNORE INTO search_state VALUES ('database', NULL), ('sentences', 0), ('removed', 0);";

/* Whether the connection reads the search file: any of the tables a
 * search reads, and the view, answer from it (search_index.h). The view
 * bounds the answer by the database's own newest sentence: the two files
 * are read at slightly different moments while a load runs. */
static const char SEARCH_THROUGH_VIEW[] =
    "CREATE TEMP VIEW IF NOT EXISTS search_through AS SELECT CASE"
    " WHEN (SELECT value FROM search.search_state WHERE key = 'database')"
    "      IS (SELECT value FROM main.settings WHERE key = 'search_id')"
    "  AND NOT EXISTS (SELECT 1 FROM main.search_removed r"
    "      WHERE r.seq > (SELECT value FROM search.search_state WHERE key = 'removed')"
    "        AND r.sentence_id <= (SELECT value FROM search.search_state WHERE key = 'sentences'))"
    " THEN min((SELECT value FROM search.search_state WHERE key = 'sentences'),"
    "          coalesce((SELECT max(id) FROM main.sentence_spans), 0))"
    " ELSE 0 END AS id;";

char *es_search_path(const char *db_path)
{
    es_buf b = {0};
    es_buf_puts(&b, db_path);
    es_buf_puts(&b, "-search");
    return es_buf_take(&b, NULL);
}

/* "file:PATH?mode=ro", every byte but unreserved ones escaped, so that no
 * character of the path (?, #, %) is read as part of the URI. */
static char *read_only_uri(const char *path)
{
    static const char HEX[] = "0123456789ABCDEF";
    es_buf b = {0};
    es_buf_puts(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            es_buf_putc(&b, (char)*p);
        } else {
            es_buf_putc(&b, '%');
            es_buf_putc(&b, HEX[*p >> 4]);
            es_buf_putc(&b, HEX[*p & 15]);
        }
    }
    es_buf_puts(&b, "?mode=ro");
    return es_buf_take(&b, NULL);
}

/* Attaches `path` read-only to `db` as `name`. */
static int attach_read_only(sqlite3 *db, const char *path, const char *name, es_err *err)
{
    char *uri = read_only_uri(path);
    char *sql = sqlite3_mprintf("ATTACH %Q AS %s", uri, name);
    free(uri);
    int rc = es_store_exec(db, sql, err);
    sqlite3_free(sql);
    return rc;
}

static int file_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Inside the write transaction: another writer may have made it meanwhile. */
static int make_schema_locked(sqlite3 *db, es_err *err)
{
    if (file_version(db) == SEARCH_FILE_VERSION)
        return 0;
    char version[64];
    snprintf(version, sizeof version, "PRAGMA user_version = %d;", SEARCH_FILE_VERSION);
    if (es_store_exec(db,
                      "DROP TABLE IF EXISTS sentences_fts; DROP TABLE IF EXISTS postings;"
                      "DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS search_state;",
                      err) != 0 ||
        es_store_exec(db, SEARCH_SCHEMA, err) != 0)
        return -1;
    return es_store_exec(db, version, err);
}

/* Puts the schema in a new search file. A file of an older version is
 * emptied and made again: it holds nothing the database cannot give. */
static int make_schema(sqlite3 *db, es_err *err)
{
    int version = file_version(db);
    if (version == SEARCH_FILE_VERSION)
        return 0;
    if (version > SEARCH_FILE_VERSION)
        return es_err_set(err, "made by a newer edushell (search file version %d)", version);
    if (es_store_begin(db, err) != 0)
        return -1;
    return es_store_end(db, make_schema_locked(db, err), err);
}

sqlite3 *es_search_open_writer(const char *db_path, es_err *err)
{
    char *path = es_search_path(db_path);
    sqlite3 *db = NULL;
    /* Used by one thread at a time (the indexer's): no mutex per call. */
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        es_err_set(err, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
    } else {
        sqlite3_busy_timeout(db, ES_STORE_BUSY_TIMEOUT_MS);
        es_err why = {{0}};
        if (es_bigram_register(db) != SQLITE_OK)
            rc = es_err_set(&why, "cannot register the tokenizer: %s", sqlite3_errmsg(db));
        else if (es_store_use_wal(db, "PRAGMA synchronous=NORMAL;", &why) != 0 ||
                 make_schema(db, &why) != 0 || attach_read_only(db, db_path, "data", &why) != 0)
            rc = -1;
        if (rc != SQLITE_OK)
            es_err_set(err, "%s: %s", path, why.msg);
    }
    free(path);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static int attached_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA search.user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Without a search file: an empty index in memory in its place, which
 * answers for no sentence, so that searches read them all. */
static const char EMPTY_SEARCH[] =
    "ATTACH ':memory:' AS search;"
    "CREATE TABLE search.chunks (first_id INTEGER PRIMARY KEY, last_id INTEGER NOT NULL);"
    "CREATE TABLE search.postings (chunk INTEGER NOT NULL, first_term INTEGER NOT NULL, data BLOB NOT NULL,"
    "    PRIMARY KEY (chunk, first_term)) WITHOUT ROWID;"
    "CREATE TABLE search.search_state (key TEXT PRIMARY KEY, value);"
    "INSERT INTO search.search_state VALUES ('database', NULL), ('sentences', 0), ('removed', 0);";

int es_search_attach(sqlite3 *db, const char *db_path, es_err *err)
{
    char *path = es_search_path(db_path);
    es_err why = {{0}};
    int rc = attach_read_only(db, path, "search", &why);
    if (rc != 0 || attached_version(db) != SEARCH_FILE_VERSION) {
        /* Missing, or of another version: made (again) by a writer. */
        if (rc == 0)
            sqlite3_exec(db, "DETACH search", NULL, NULL, NULL);
        sqlite3 *writer = es_search_open_writer(db_path, &why);
        sqlite3_close(writer);
        if (writer)
            rc = attach_read_only(db, path, "search", &why);
        if (!writer || rc != 0) {
            /* A file that cannot be made (a read-only folder, a directory
             * in its place) loses no function, only speed. */
            es_err_set(err, "%s%s%s", writer ? path : "", writer ? ": " : "", why.msg);
            rc = es_store_exec(db, EMPTY_SEARCH, &why) == 0 ? 1 : es_err_set(err, "%s: %s", path, why.msg);
        }
    }
    if (rc >= 0 && es_store_exec(db, SEARCH_THROUGH_VIEW, &why) != 0)
        rc = es_err_set(err, "%s: %s", path, why.msg);
    free(path);
    return rc;
}
