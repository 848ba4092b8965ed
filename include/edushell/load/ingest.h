/* Loading paths: walks directories, reads every file into sources, builds
 * each source's document and hands it to a sink that keeps it (the store,
 * or a stream of records). A file whose bytes cannot be read as documents
 * is reported and skipped; the others load.
 *
 * Files are read and documents built on worker threads; the calling
 * thread alone hands them to the sink, in the order of the paths, and
 * alone runs the callbacks. The sink receives documents in batches: put,
 * put, ..., flush. */
#ifndef EDUSHELL_LOAD_INGEST_H
#define EDUSHELL_LOAD_INGEST_H

#include "edushell/load/pipeline.h"

typedef enum es_put_result {
    ES_PUT_ADDED,      /* new document */
    ES_PUT_REPLACED,   /* same key, new content: the old one replaced */
    ES_PUT_UNCHANGED   /* these bytes are kept already */
} es_put_result;

/* Where built documents go. */
typedef struct es_sink {
    void *ctx;
    /* Whether a document with this key and hash is kept already; NULL when
     * the sink cannot tell (then every document is built). Called from the
     * worker threads, also while put or flush runs: the sink makes it safe. */
    int (*has)(void *ctx, const char *key, const char *sha256);
    /* Keeps a built document, all of it or nothing, in the batch in
     * flight. Returns 0, or -1 with the reason in err (the other documents
     * of the batch stay). The document stays valid until the next flush:
     * the sink may read it then. */
    int (*put)(void *ctx, const es_document *doc, es_put_result *result, es_err *err);
    /* Makes the documents put so far durable; on failure none of the batch
     * is kept. NULL when put keeps documents at once. */
    int (*flush)(void *ctx, es_err *err);
} es_sink;

typedef struct es_ingest_events {
    void *ctx;
    /* A document was kept (its batch flushed), or found unchanged. */
    void (*on_document)(void *ctx, const es_document *doc, es_put_result result);
    /* A file or document failed; `reason` is one line. */
    void (*on_error)(void *ctx, const char *path, const char *reason);
    /* Called after each file: files done so far of `total`. */
    void (*on_progress)(void *ctx, size_t done, size_t total);
    /* A path that is no file to read (a FIFO, a socket, a device) was
     * skipped; `what` says what it is. Not an error. */
    void (*on_note)(void *ctx, const char *path, const char *what);
    /* Files under the directories that are not documents were skipped:
     * `summary` says how many of which kind ("6 files: 5 .jsonl, 1 .md").
     * Called once, before the first file loads. */
    void (*on_skipped)(void *ctx, size_t count, const char *summary);
} es_ingest_events;

typedef struct es_ingest_totals {
    size_t files, added, replaced, unchanged, errors, indicators;
    size_t skipped;               /* files under directories that are not documents */
    size_t bytes;                 /* text of the documents kept or found unchanged */
    double seconds[ES_NSTAGES];   /* time in each stage, summed over the threads */
    double waiting;               /* the writer waiting for documents to be built */
} es_ingest_totals;

/* Text handed to the sink between two flushes, by default. */
#define ES_INGEST_BATCH_BYTES ((size_t)16 << 20)

typedef struct es_ingest_options {
    int only_changed;    /* a document the sink has already is not even analysed */
    int jobs;            /* threads building documents; 0: one per processor
                            beyond the calling thread, at least one */
    size_t batch_bytes;  /* text between flushes; 0: ES_INGEST_BATCH_BYTES */
} es_ingest_options;

/* Loads the given files and directories (recursively, in name order) into
 * the sink. Returns 0 when everything loaded, -1 when anything failed. */
int es_ingest_run(const es_pipeline *pipe, const es_sink *sink, const char *const *paths,
                  size_t npaths, const es_ingest_options *opt, const es_ingest_events *ev,
                  es_ingest_totals *totals);

/* es_ingest_run with the default options and `only_changed`. */
int es_ingest_paths(const es_pipeline *pipe, const es_sink *sink, const char *const *paths,
                    size_t npaths, int only_changed, const es_ingest_events *ev,
                    es_ingest_totals *totals);

#endif
