/* What the store's own files share beyond the public header. */
#ifndef EDUSHELL_STORE_PRIVATE_H
#define EDUSHELL_STORE_PRIVATE_H

#include <sqlite3.h>

#include "edushell/store/store.h"

es_metric_table *es_store_metric_table(es_store *s);

/* Lets the store's own statements pass the read-only rule while on. */
void es_store_own_write(es_store *s, int on);

/* Runs SQL without results; the reason goes to err. */
int es_store_exec(sqlite3 *db, const char *sql, es_err *err);

/* A write transaction: es_store_begin, the work, then es_store_end with the
 * work's result, which commits on 0 and rolls back otherwise. */
int es_store_begin(sqlite3 *db, es_err *err);
int es_store_end(sqlite3 *db, int rc, es_err *err);

#endif
