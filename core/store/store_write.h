/* Prepared statements that write documents and their parts (private to
 * the store). */
#ifndef EDUSHELL_STORE_WRITE_H
#define EDUSHELL_STORE_WRITE_H

#include <sqlite3.h>

#include "edushell/load/pipeline.h"

/* Metric phrases and their ids in the database, for one batch. */
typedef struct es_phrase_slot es_phrase_slot;
typedef struct es_phrase_ids {
    es_phrase_slot *slots;
    size_t n, cap; /* cap: 0 or a power of two */
} es_phrase_ids;

typedef struct es_store_stmts {
    sqlite3_stmt *find_by_key, *find_by_hash, *delete_doc;
    sqlite3_stmt *insert_doc, *insert_section, *insert_sentence, *insert_sentences, *insert_indicator, *count_doc;
    /* the metric phrases' (store_phrases.c) */
    sqlite3_stmt *find_phrase, *add_phrase, *index_phrase;
    es_phrase_ids phrases;
} es_store_stmts;

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
/* Deletes a document and its parts (its sentences' text goes to
 * search_removed for the search file, by trigger). Its metric phrases
 * stay: another document may name them, and they are few. */
int es_store_delete_doc(es_store_stmts *st, sqlite3_int64 id, es_err *err);
/* Inserts the document, its sections, sentences and indicators, and adds
 * its indicators to the counts by canonical metric; its id goes to
 * *doc_id. Sentences take the ids from *next_sentence on, never
 * one used before. The caller holds the transaction. */
int es_store_insert_doc(es_store_stmts *st, const char *key, const es_document *doc, sqlite3_int64 *doc_id,
                        sqlite3_int64 *next_sentence, es_err *err);

/* --- the metric phrases (store_phrases.c) --- */
int es_store_phrases_prepare(sqlite3 *db, es_store_stmts *st, es_err *err);
void es_store_phrases_finalize(es_store_stmts *st);
/* Empties the table of phrases' ids: at the opening of every batch. */
void es_store_phrases_forget(es_phrase_ids *ids);
/* The id of a metric phrase in metric_phrases, added when new, inside
 * the caller's transaction. */
int es_store_phrase_id(es_store_stmts *st, const char *phrase, sqlite3_int64 *id, es_err *err);

#endif
