/* The search index of sentences, in a file of its own beside the database
 * (private to the store): for each term (a pair of characters, or one
 * character closing a run), the sentences holding it, written a chunk of
 * sentences at a time (search_terms.h) and read by the table-valued
 * function edu_sentence_search (search_read.c).
 *
 * Why a file of its own: building the index is a large part of a load's work, and
 * SQLite lets one connection write a file at a time. In a file of its own
 * the index has its own writer, the indexer, on a thread of its own, while
 * the next batch's rows are written to the database.
 *
 * How it stays exact: the indexer reads what the database has committed
 * and records in the search file how far it got (search_state):
 *   database   the database's settings.search_id: the file is this one's;
 *   sentences  every sentence with an id up to this is in the index, and
 *              none above it (sentence ids are never used twice, see
 *              store_batch.c);
 *   removed    the last row of the database's search_removed (the text of
 *              each removed sentence, written by a trigger) taken out.
 * The temporary view `search_through` on the database's connection gives
 * the id up to which the index answers alone; a search reads the text of
 * the sentences above it (none, once the indexer has caught up). A crash
 * of either side loses no more than the indexer's work since its last
 * commit, which it does again. */
#ifndef EDUSHELL_STORE_SEARCH_INDEX_H
#define EDUSHELL_STORE_SEARCH_INDEX_H

#include <sqlite3.h>

#include "edushell/base/common.h"

/* "<database>-search"; the caller frees it. */
char *es_search_path(const char *db_path);

/* Creates the search file when it is missing, and attaches it to the
 * database's connection `db` read-only as `search` (so that the
 * connection's write transactions never lock it), with the view
 * search_through. Returns 0; or 1 when the file can be neither made nor
 * read (err says why), with an empty index in memory attached in its
 * place; or -1. */
int es_search_attach(sqlite3 *db, const char *db_path, es_err *err);

/* Checks the index in the attached schema `schema` (search_verify.c);
 * *pairs: how many (term, sentence) pairs it lists. Returns 0, or -1 with
 * what is wrong in err. */
int es_search_verify(sqlite3 *db, const char *schema, sqlite3_int64 *pairs, es_err *err);

/* A connection that writes the search file (made when missing), with the
 * database attached read-only as `data`. */
sqlite3 *es_search_open_writer(const char *db_path, es_err *err);

/* The indexer: a connection that writes the search file and reads the
 * database, and the thread that runs it. */
typedef struct es_indexer es_indexer;

es_indexer *es_indexer_open(const char *db_path, es_err *err);
/* Indexes, on the calling thread, what the database has committed and the
 * index lacks. */
int es_indexer_catch_up(es_indexer *ix, es_err *err);
/* Has the indexer's thread catch up (started on first call), and returns. */
void es_indexer_poke(es_indexer *ix);
/* Waits until the thread has caught up with every poke; its first failure
 * since the last wait, if any, goes to err. */
int es_indexer_wait(es_indexer *ix, es_err *err);
/* Waits as es_indexer_wait, stops the thread and closes. */
int es_indexer_close(es_indexer *ix, es_err *err);

#endif
