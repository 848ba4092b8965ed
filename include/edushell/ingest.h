/* Loading paths into the store: walks directories, reads every file, builds
 * its documents and stores each in its own transaction. A file whose bytes
 * cannot be read as documents is reported and skipped; the others load. */
#ifndef EDUSHELL_INGEST_H
#define EDUSHELL_INGEST_H

#include "edushell/document.h"
#include "edushell/store.h"

typedef struct es_ingest_events {
    void *ctx;
    /* A document was stored (or found unchanged). */
    void (*on_document)(void *ctx, const es_document *doc, es_put_result result);
    /* A file or document failed; `reason` is one line. */
    void (*on_error)(void *ctx, const char *path, const char *reason);
    /* Called after each file: files done so far of `total`. */
    void (*on_progress)(void *ctx, size_t done, size_t total);
} es_ingest_events;

typedef struct es_ingest_totals {
    size_t files, added, replaced, unchanged, errors, indicators;
} es_ingest_totals;

/* Loads the given files and directories (recursively, in name order). With
 * `only_changed`, a document whose key and hash are stored already is not
 * even rebuilt. Returns 0 when everything loaded, -1 when anything failed. */
int es_ingest_paths(es_store *store, const es_pipeline *pipe, const char *const *paths,
                    size_t npaths, int only_changed, const es_ingest_events *ev,
                    es_ingest_totals *totals);

#endif
