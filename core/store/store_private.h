/* What the store's own files share beyond the public header. */
#ifndef EDUSHELL_STORE_PRIVATE_H
#define EDUSHELL_STORE_PRIVATE_H

#include <pthread.h>
#include <sqlite3.h>

#include "edushell/store/store.h"
#include "store_write.h"

/* A document of the batch: its sentences enter the search index at the
 * commit, their text read from the document, which the caller keeps. */
typedef struct es_batch_doc {
    const es_document *doc;
    sqlite3_int64 id;
    sqlite3_int64 *sentence_ids;
} es_batch_doc;

/* The batch of documents in flight: one write transaction, committed by
 * es_store_commit. */
typedef struct es_batch {
    int open;                /* the transaction is open */
    es_batch_doc *docs;      /* stored, not yet in the search index */
    size_t n, cap;
    char *lost;              /* why the transaction was rolled back under the batch */
} es_batch;

struct es_store {
    sqlite3 *db;
    char *path;
    es_store_stmts stmts;
    es_metric_table metrics; /* file and analysts' definitions, for matching */
    int read_only;           /* SQL of others may only read (es_store_read_only) */
    int own_write;           /* the store itself is writing: the rule does not apply */
    es_store_guard guard;    /* bounds on others' SQL (es_store_guard_queries) */
    pthread_mutex_t lock;    /* has() from the threads of a load against the writer */
    es_batch batch;
};

void es_store_batch_free(es_batch *b);

es_metric_table *es_store_metric_table(es_store *s);

/* Lets the store's own statements pass the read-only rule while on. */
void es_store_own_write(es_store *s, int on);

/* Runs SQL without results; the reason goes to err. */
int es_store_exec(sqlite3 *db, const char *sql, es_err *err);

/* Adds to a database made by an earlier version the columns added to
 * the schema since, and makes its views again from `schema`. */
int es_store_migrate(sqlite3 *db, const char *schema, es_err *err);

/* A write transaction: es_store_begin, the work, then es_store_end with the
 * work's result, which commits on 0 and rolls back otherwise. */
int es_store_begin(sqlite3 *db, es_err *err);
int es_store_end(sqlite3 *db, int rc, es_err *err);

#endif
