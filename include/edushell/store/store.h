/* The SQLite store: the schema (core/store/schema.sql), one transaction per
 * document, the canonical metric table, report runs, and the rows export
 * reads. The only stage that writes SQL; it knows nothing of Lua. */
#ifndef EDUSHELL_STORE_STORE_H
#define EDUSHELL_STORE_STORE_H

#include <stdint.h>

#include "edushell/base/common.h"
#include "edushell/extract/metric_table.h"
#include "edushell/load/ingest.h"
#include "edushell/load/pipeline.h"

/* SQLite's handle, named without its header: only the store and the Lua
 * binding's SQL entry use SQLite itself. */
struct sqlite3;

typedef struct es_store es_store;

/* Told of long work before it starts: a database being upgraded. */
typedef struct es_store_notice {
    void (*fn)(void *ctx, const char *message);
    void *ctx;
} es_store_notice;

/* Opens or creates the database: checks that an existing file is SQLite,
 * turns on WAL and a busy timeout, registers the search
 * index's tokenizer, creates the schema or brings an older database up to
 * it, and attaches the search file "<path>-search" (made when missing).
 * A database at the current version is opened without writing to it. A
 * database in memory is refused: its search file could not be shared. */
es_store *es_store_open(const char *path, es_err *err);
/* The same, telling `notice` (may be NULL) of long work first. */
es_store *es_store_open_notify(const char *path, const es_store_notice *notice, es_err *err);
void es_store_close(es_store *s);
const char *es_store_path(const es_store *s);

/* The connection, for the Lua binding's SQL entry (edu.sql). */
struct sqlite3 *es_store_db(es_store *s);

/* True when a document with this key and hash is stored already (or put
 * in the batch in flight). Safe to call from any thread. */
int es_store_has(es_store *s, const char *key, const char *sha256);

/* Adds a built document to the batch in flight, opening one (a write
 * transaction) when none is: all of the document or nothing of it. A
 * failed document leaves the others of the batch in place (the batch is
 * rolled back and its others written again). Nothing is visible to others
 * or durable before es_store_commit, which reads the documents again: keep
 * them until then. */
int es_store_add(es_store *s, const es_document *doc, es_put_result *result, es_err *err);

/* Makes the batch in flight searchable and commits it. Fails, with the
 * reason, when the batch could not be stored: then none of it is. */
int es_store_commit(es_store *s, es_err *err);

/* Waits until the search file holds every sentence committed (the indexer
 * writes it on a thread of its own after each commit; it starts here when
 * none has). Fails, with the reason, when the search file cannot be
 * written: the rows are stored all the same, and searches read the text
 * of the sentences the index lacks. */
int es_store_searchable(es_store *s, es_err *err);

/* Stores one document at once: es_store_add then es_store_commit. */
int es_store_put(es_store *s, const es_document *doc, es_put_result *result, es_err *err);

/* The store as the sink of a load: put adds to the batch, flush commits. */
es_sink es_store_sink(es_store *s);

/* Reads the database through a memory map of up to `bytes`, for sessions
 * that query: a page in the system's cache then costs no read call. A
 * load does not call it, so that its memory stays what it writes. */
void es_store_map_for_queries(es_store *s, int64_t bytes);

/* --- safety ---------------------------------------------------------- */

/* From now on SQL run on the connection by others (edu.sql) may only
 * read: no writes to any table, no transactions (BEGIN would hold the
 * write lock against loaders), no ATTACH (and so no VACUUM INTO a file),
 * no pragma but those that report, and neither load_extension nor
 * fts3_tokenizer. The store's own writes (report runs) still pass. */
int es_store_read_only(es_store *s, es_err *err);
/* Whether es_store_read_only was called. */
int es_store_is_read_only(const es_store *s);

/* Bounds on the SQL others run on the connection. */
typedef struct es_store_guard {
    int64_t max_heap;            /* bytes SQLite may hold, process-wide; 0: no bound */
    int bound_sizes;             /* bound what a statement may be (sqlite3_limit) */
    unsigned steps;              /* virtual machine steps between calls of progress */
    int (*progress)(void *ctx);  /* non-zero interrupts the running statement */
    void *ctx;
} es_store_guard;

/* Applies the guard: SQLite's heap bounded by max_heap (the longest string
 * or blob a quarter of it); with bound_sizes, what a statement may be
 * (sqlite3_limit: SQL text, columns, expression depth, compound selects,
 * function arguments, LIKE patterns, variables, attached databases,
 * trigger depth); and `progress` called every `steps` steps of a
 * statement that is not the store's own. */
void es_store_guard_queries(es_store *s, const es_store_guard *g);

/* Stops the statement running on the connection (from a signal handler). */
void es_store_interrupt(es_store *s);

/* --- canonical metrics ---------------------------------------------- */

/* Brings the database's metric table up to date with the file's (rows of
 * origin 'file' are replaced; analysts' definitions stay) and relinks
 * stored indicators when it changed. Writes nothing when it is the same. */
int es_store_sync_metrics(es_store *s, const es_metric_table *from_file, es_err *err);

/* Whether the file's rows were last synced from a file whose bytes have
 * this SHA-256 (hex), and nothing has changed them since: then the file
 * need not even be parsed. One read of the settings. */
int es_store_metrics_file_synced(es_store *s, const char *file_sha256);

/* es_store_sync_metrics, recording file_sha256 (of the bytes `from_file`
 * was read from) for es_store_metrics_file_synced when it writes; when the
 * table is the same it records it only if `writing` (the caller writes to
 * the database anyway), so a start that only reads writes nothing. */
int es_store_sync_metrics_file(es_store *s, const es_metric_table *from_file, const char *file_sha256,
                               int writing, es_err *err);

/* Adds or replaces an analyst's definition and relinks stored indicators. */
int es_store_define_metric(es_store *s, const char *id, const char *name, const char *const *aliases,
                           size_t naliases, const char *category, const char *unit,
                           const char *direction, es_err *err);

/* The table in use for matching (file and analysts' definitions), read
 * from the database on first use: most runs never match a metric phrase.
 * A table that cannot be read is empty (and read again on the next call). */
const es_metric_table *es_store_metrics(es_store *s);

/* Sets indicators.metric_id of every stored indicator from the table. */
int es_store_relink_metrics(es_store *s, es_err *err);

/* --- report runs ----------------------------------------------------- */

/* Records the start of a run (status 'running'); its id goes to *id. The
 * caller holds the one-run-at-a-time lock, so runs still marked running
 * ended without finishing: they are marked 'failed' first. */
int es_store_run_start(es_store *s, const char *template_name, const char *args_json,
                       const char *output, int64_t *id, es_err *err);
/* Records its end: 'ok', or 'failed' with the error when error is not NULL. */
int es_store_run_end(es_store *s, int64_t id, const char *error, es_err *err);

/* --- reading rows ---------------------------------------------------- */

typedef enum es_value_type { ES_VALUE_NULL, ES_VALUE_INT, ES_VALUE_REAL, ES_VALUE_TEXT } es_value_type;

/* One column's value of a row; text is valid during the callback only. */
typedef struct es_value {
    es_value_type type;
    int64_t i;
    double r;
    const char *text;
    size_t len;
} es_value;

/* Called for each row; a non-zero return stops the query. */
typedef int (*es_row_fn)(void *ctx, int ncol, const char *const *names, const es_value *values);

/* Every indicator (the indicator_rows view) or document (document_rows),
 * in document order: `what` is "indicators" or "documents". Returns 0, or
 * -1 with the reason (an unknown `what` too). */
int es_store_export(es_store *s, const char *what, es_row_fn row, void *ctx, es_err *err);

#endif
