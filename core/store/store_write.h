/* Prepared statements that write documents and their parts (private to
 * the store). */
#ifndef EDUSHELL_STORE_WRITE_H
#define EDUSHELL_STORE_WRITE_H

#include <sqlite3.h>

#include "edushell/load/pipeline.h"

typedef struct es_store_stmts {
    sqlite3_stmt *find_by_key, *find_by_hash, *delete_doc;
    sqlite3_stmt *insert_doc, *insert_section, *insert_sentence, *insert_indicator;
    /* the index of metric phrases' (store_search.c) */
    sqlite3_stmt *index_metric, *unindex_metrics;
} es_store_stmts;

/* The rows a document was stored as: its id, and its sentences' and
 * indicators' ids in the order of the document's lists. */
typedef struct es_doc_rows {
    sqlite3_int64 id;
    sqlite3_int64 *sentence_ids, *indicator_ids;
} es_doc_rows;

typedef enum es_found {
    ES_FOUND_NONE,       /* neither key nor content known */
    ES_FOUND_SAME,       /* this key holds these bytes */
    ES_FOUND_CHANGED,    /* this key holds other bytes */
    ES_FOUND_ELSEWHERE   /* these bytes are stored under another key */
} es_found;

int es_store_stmts_prepare(sqlite3 *db, es_store_stmts *st, es_err *err);
void es_store_stmts_finalize(es_store_stmts *st);

/* Steps a write statement to completion and resets it for reuse. */
int es_store_step_done(sqlite3_stmt *stmt, es_err *err);

es_found es_store_find(es_store_stmts *st, const char *key, const char *sha256, sqlite3_int64 *id);
/* Deletes a document and its parts; its metric phrases leave their index
 * too when they are `indexed` (its sentences' text goes to search_removed
 * for the search file, by trigger). */
int es_store_delete_doc(es_store_stmts *st, sqlite3_int64 id, int indexed, es_err *err);
/* Inserts the document, its sections, sentences and indicators; the ids
 * go to *rows (es_doc_rows_free frees them). Sentences take the ids from
 * *next_sentence on, never one used before. The caller holds the
 * transaction; the index of metric phrases gets the document with
 * es_store_index_doc. */
int es_store_insert_doc(es_store_stmts *st, const char *key, const es_document *doc, es_doc_rows *rows,
                        sqlite3_int64 *next_sentence, es_err *err);
void es_doc_rows_free(es_doc_rows *rows);

/* --- the index of metric phrases (store_search.c) --- */
int es_store_search_prepare(sqlite3 *db, es_store_stmts *st, es_err *err);
void es_store_search_finalize(es_store_stmts *st);
/* Adds a document's metric phrases, stored as `rows`, to their index. */
int es_store_index_doc(es_store_stmts *st, const es_document *doc, const es_doc_rows *rows, es_err *err);
/* Takes stored document `id`'s metric phrases out of their index. */
int es_store_unindex_doc(es_store_stmts *st, sqlite3_int64 id, es_err *err);

#endif
