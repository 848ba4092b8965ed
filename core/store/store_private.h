/* What the store's own files share beyond the public header. */
#ifndef EDUSHELL_STORE_PRIVATE_H
#define EDUSHELL_STORE_PRIVATE_H

#include <pthread.h>
#include <sqlite3.h>

#include "checkpoint.h"
#include "edushell/store/store.h"
#include "search_index.h"
#include "store_write.h"

/* A document of the batch (the caller keeps it until the commit), and
 * the id it was stored as: a replay of the batch writes it again. */
typedef struct es_batch_doc {
    const es_document *doc;
    sqlite3_int64 id;
} es_batch_doc;

/* The batch of documents in flight: one write transaction, committed by
 * es_store_commit. */
typedef struct es_batch {
    int open;                /* the transaction is open */
    es_batch_doc *docs;      /* stored in this batch */
    size_t n, cap;
    sqlite3_int64 first_sentence, next_sentence; /* ids of the batch's first and next sentence */
    char *lost;              /* why the transaction was rolled back under the batch */
} es_batch;

struct es_store {
    sqlite3 *db;
    char *path;
    es_store_stmts stmts;
    es_metric_table metrics; /* file and analysts' definitions, for matching */
    int metrics_read;        /* metrics holds the database's table (es_store_metrics) */
    int read_only;           /* SQL of others may only read (es_store_read_only) */
    int own_write;           /* the store itself is writing: the rule does not apply */
    es_store_guard guard;    /* bounds on others' SQL (es_store_guard_queries) */
    pthread_mutex_t lock;    /* has() from the threads of a load against the writer */
    es_batch batch;
    es_indexer *indexer;     /* writes the search file; opened at the first commit */
    char *search_failure;    /* why the indexer could not be had, until reported */
    es_checkpointer *checkpointer; /* folds the log; opened by the first batch */
    int no_checkpointer;     /* it could not be had: SQLite folds on commit */
    sqlite3_int64 log_bytes; /* in the log after the latest commit */
    int page_size;
};

void es_store_batch_free(es_batch *b);

/* Puts the schema in place or brings it up to date (store_schema.c);
 * returns 1 when it upgraded a database made by an older version. */
int es_store_schema(sqlite3 *db, const es_store_notice *notice, es_err *err);

/* Indicators stored before version 9 get their column phrase_id, then,
 * once schema.sql has made the table of phrases, each phrase's
 * id in metric_phrases (store_phrases.c). Inside the caller's
 * transaction. */
int es_store_add_phrase_column(sqlite3 *db, es_err *err);
int es_store_fill_phrases(sqlite3 *db, es_err *err);

/* Counts every stored figure by canonical metric again (metric_counts),
 * after an upgrade or a change of the metrics' links (store_write.c).
 * Inside the caller's transaction. */
int es_store_count_figures(sqlite3 *db, es_err *err);

/* Registers edu_span_contains(doc_id, start, end, text) (search_check.c):
 * whether a span of a document's text holds every word of text. Returns
 * an SQLite code. */
int es_store_register_search_check(sqlite3 *db);

/* Registers the table-valued function edu_sentence_search(text [,
 * through]) (search_read.c): the ids of the sentences the search file
 * lists under every word of text. Returns an SQLite code. */
int es_store_register_search_read(sqlite3 *db);

es_metric_table *es_store_metric_table(es_store *s);

/* Lets the store's own statements pass the read-only rule while on. */
void es_store_own_write(es_store *s, int on);

/* How long a writer waits for another's transaction before it looks
 * again whether that writer is making progress. */
enum { ES_STORE_BUSY_TIMEOUT_MS = 10000 };

/* Turns on write-ahead logging, then runs more_pragmas (store.c). */
int es_store_use_wal(sqlite3 *db, const char *more_pragmas, es_err *err);

/* Runs SQL without results; the reason goes to err. */
int es_store_exec(sqlite3 *db, const char *sql, es_err *err);

/* Adds to the tables of a version 1 database the columns added to the
 * schema since, and drops the views that read them (schema.sql makes them
 * again). Inside the caller's transaction. */
int es_store_add_columns(sqlite3 *db, es_err *err);

/* Gives each document of a version 5 or older database the range of its
 * sentences' ids (documents.first_sentence, last_sentence). Inside the
 * caller's transaction. */
int es_store_add_sentence_ranges(sqlite3 *db, es_err *err);

/* A write transaction: es_store_begin, the work, then es_store_end with the
 * work's result, which commits on 0 and rolls back otherwise. */
int es_store_begin(sqlite3 *db, es_err *err);
int es_store_end(sqlite3 *db, int rc, es_err *err);

#endif
