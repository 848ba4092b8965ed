/* The SQLite store: schema, one transaction per document, queries for
 * export. Knows nothing of Lua. */
#ifndef EDUSHELL_STORE_H
#define EDUSHELL_STORE_H

#include <sqlite3.h>

#include "edushell/common.h"
#include "edushell/document.h"
#include "edushell/metrics.h"

typedef struct es_store es_store;

/* Opens or creates the database: checks that an existing file is SQLite,
 * applies the schema, turns on WAL, foreign keys and a busy timeout. */
es_store *es_store_open(const char *path, es_err *err);
void es_store_close(es_store *s);
sqlite3 *es_store_db(es_store *s);
const char *es_store_path(const es_store *s);

typedef enum es_put_result {
    ES_PUT_ADDED,      /* new document */
    ES_PUT_REPLACED,   /* same path, new content: old rows replaced */
    ES_PUT_UNCHANGED   /* these bytes are already stored */
} es_put_result;

/* The key a source is stored under: its absolute path, "#row" for CSV rows. */
char *es_store_key(const es_source *src);

/* True when a document with this key and hash is stored already. */
int es_store_has(es_store *s, const char *key, const char *sha256);

/* Stores a built document in one transaction: all of it or nothing. */
int es_store_put(es_store *s, const es_document *doc, es_put_result *result, es_err *err);

/* --- canonical metrics ---------------------------------------------- */

/* Brings the database's metric table up to date with the file's (rows of
 * origin 'file' are replaced; analysts' definitions stay), loads the whole
 * table for matching, and relinks stored indicators when it changed. */
int es_store_sync_metrics(es_store *s, const es_metric_table *from_file, es_err *err);

/* Adds or replaces an analyst's definition and relinks stored indicators. */
int es_store_define_metric(es_store *s, const char *id, const char *name, const char *const *aliases,
                           size_t naliases, const char *category, const char *unit,
                           const char *direction, es_err *err);

/* The table in use for matching (file and analysts' definitions). */
const es_metric_table *es_store_metrics(const es_store *s);

/* Sets indicators.metric_id of every stored indicator from the table. */
int es_store_relink_metrics(es_store *s, es_err *err);

#endif
