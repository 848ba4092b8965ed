/* The documents of a load being built on worker threads, and handed over
 * to the one thread that writes them, file by file in the order of the
 * paths. Memory is bounded: workers wait while too much text is built and
 * not yet released, except the worker of the file the writer waits on,
 * so the writer can always go on. */
#ifndef EDUSHELL_LOAD_BUILD_QUEUE_H
#define EDUSHELL_LOAD_BUILD_QUEUE_H

#include <pthread.h>

#include "edushell/load/ingest.h"

/* One input file and the documents built from it. */
typedef struct build_file {
    const char *path;
    char *error;              /* why it could not be read; NULL when it was */
    es_source_list sources;   /* kept until every document of the file is released */
    es_document *docs;        /* one per source */
    unsigned char *skipped;   /* per document: kept by the sink already, not analysed */
    size_t nbuilt;            /* docs[0..nbuilt) are ready for the writer */
    size_t nreleased;         /* released (freed) by the writer */
    int finished;             /* nbuilt is final */
    double read_seconds;
} build_file;

typedef struct build_queue {
    pthread_mutex_t lock;
    pthread_cond_t built;     /* a document is ready, or a file finished */
    pthread_cond_t room;      /* text was released, or the writer moved on */
    build_file *files;
    size_t nfiles;
    size_t next;              /* the next file a worker takes */
    size_t writer_at;         /* the file the writer takes documents from */
    size_t writer_wants;      /* the document of that file the writer waits for */
    size_t freed;             /* files before this one are freed (the writer's) */
    size_t in_flight;         /* bytes of text built and not released */
    size_t budget;
    const es_pipeline *pipe;
    const es_sink *sink;
    int only_changed;
    pthread_t *threads;
    int nthreads;
} build_queue;

/* Starts `jobs` workers on the files; `budget` bounds the text built ahead. */
void build_queue_start(build_queue *q, const es_pipeline *pipe, const es_sink *sink,
                       int only_changed, char **paths, size_t npaths, int jobs, size_t budget);

/* The writer's side. Waits until document k of file f is built (returns
 * it) or the file has no more documents (returns NULL). */
es_document *build_queue_take(build_queue *q, size_t f, size_t k, int *skipped, double *waited);

/* The writer moves on to file f: its worker may build past the budget. */
void build_queue_writer_at(build_queue *q, size_t f);

/* Frees document k of file f, and the file's sources once all its
 * documents are released and the writer is past it. */
void build_queue_release(build_queue *q, size_t f, size_t k);

/* Joins the workers and frees what is left. */
void build_queue_finish(build_queue *q);

#endif
