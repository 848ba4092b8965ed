/* Prepared statements that write documents and their parts (private to
 * the store). */
#ifndef EDUSHELL_STORE_WRITE_H
#define EDUSHELL_STORE_WRITE_H

#include <sqlite3.h>

#include "edushell/load/pipeline.h"

typedef struct es_store_stmts {
    sqlite3_stmt *find_by_key, *find_by_hash, *delete_doc;
    sqlite3_stmt *insert_doc, *insert_section, *insert_sentence, *insert_indicator;
    sqlite3_stmt *index_sentence, *unindex_doc;
} es_store_stmts;

typedef enum es_found {
    ES_FOUND_NONE,       /* neither key nor content known */
    ES_FOUND_SAME,       /* this key holds these bytes */
    ES_FOUND_CHANGED,    /* this key holds other bytes */
    ES_FOUND_ELSEWHERE   /* these bytes are stored under another key */
} es_found;

int es_store_stmts_prepare(sqlite3 *db, es_store_stmts *st, es_err *err);
void es_store_stmts_finalize(es_store_stmts *st);

es_found es_store_find(es_store_stmts *st, const char *key, const char *sha256, sqlite3_int64 *id);
/* Deletes a document and its parts; its sentences leave the search index
 * when they are `indexed`. */
int es_store_delete_doc(es_store_stmts *st, sqlite3_int64 id, int indexed, es_err *err);
/* Inserts the document, its sections, sentences and indicators; its id
 * goes to *id and its sentences' ids to *sentence_ids (malloc'd, one per
 * sentence). The caller holds the transaction; the sentences go into the
 * search index with es_store_index_doc. */
int es_store_insert_doc(es_store_stmts *st, const char *key, const es_document *doc,
                        sqlite3_int64 *id, sqlite3_int64 **sentence_ids, es_err *err);
/* Adds a document's sentences, stored with these ids, to the search index. */
int es_store_index_doc(es_store_stmts *st, const es_document *doc, const sqlite3_int64 *sentence_ids,
                       es_err *err);

#endif
