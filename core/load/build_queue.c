/* Worker threads that read files and build their documents. */
#include "build_queue.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Waits until `len` more bytes of text fit in the budget. The document
 * the writer waits for never waits: the writer needs it to release
 * anything. Any other does, so a large file (a CSV corpus of many rows)
 * is built only a budget ahead of the writer. */
static void wait_for_room(build_queue *q, size_t f, size_t k, size_t len)
{
    pthread_mutex_lock(&q->lock);
    while (!(f == q->writer_at && k <= q->writer_wants) && q->in_flight > 0 &&
           q->in_flight + len > q->budget)
        pthread_cond_wait(&q->room, &q->lock);
    q->in_flight += len;
    pthread_mutex_unlock(&q->lock);
}

static void give_back_room(build_queue *q, size_t len)
{
    pthread_mutex_lock(&q->lock);
    q->in_flight -= len;
    pthread_cond_broadcast(&q->room);
    pthread_mutex_unlock(&q->lock);
}

static void build_document(build_queue *q, build_file *file, size_t k)
{
    es_document *doc = &file->docs[k];
    es_document_begin(doc, &file->sources.items[k]);
    if (q->only_changed && q->sink->has && q->sink->has(q->sink->ctx, doc->key, doc->sha256)) {
        file->skipped[k] = 1;
        return;
    }
    es_document_analyse(q->pipe, doc);
    /* The sink needs the raw text's spans, not the normalized view: free
     * it now rather than hold it until the batch is written. */
    es_view_free(&doc->view);
}

static void publish(build_queue *q, build_file *file, size_t nbuilt, int finished)
{
    pthread_mutex_lock(&q->lock);
    file->nbuilt = nbuilt;
    file->finished = finished;
    pthread_cond_broadcast(&q->built);
    pthread_mutex_unlock(&q->lock);
}

static void build_file_documents(build_queue *q, size_t f)
{
    build_file *file = &q->files[f];
    es_err err = {{0}};
    double t0 = es_seconds();
    es_source_list sources = {0};
    /* The rows of a CSV corpus are read again one by one as they are
     * built, so a corpus never sits in memory whole. */
    es_source_options reading = q->pipe->reading;
    reading.lazy_rows = 1;
    int rc = es_source_read_with(file->path, &reading, &sources, &err);
    file->read_seconds = es_seconds() - t0;
    if (rc != 0) {
        file->error = es_xstrdup(err.msg);
        publish(q, file, 0, 1);
        return;
    }
    /* Set before any document is published; the writer reads them after. */
    file->sources = sources;
    file->docs = es_xcalloc(sources.n ? sources.n : 1, sizeof *file->docs);
    file->skipped = es_xcalloc(sources.n ? sources.n : 1, 1);
    for (size_t k = 0; k < sources.n; k++) {
        wait_for_room(q, f, k, sources.items[k].len);
        if (es_source_fill(&file->sources.items[k], &err) != 0) {
            give_back_room(q, sources.items[k].len);
            file->error = es_xstrdup(err.msg);
            publish(q, file, k, 1);
            return;
        }
        build_document(q, file, k);
        publish(q, file, k + 1, k + 1 == sources.n);
    }
    if (sources.n == 0)
        publish(q, file, 0, 1);
}

static void *worker(void *arg)
{
    build_queue *q = arg;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t f = q->next < q->nfiles ? q->next++ : q->nfiles;
        pthread_mutex_unlock(&q->lock);
        if (f == q->nfiles)
            return NULL;
        build_file_documents(q, f);
    }
}

void build_queue_start(build_queue *q, const es_pipeline *pipe, const es_sink *sink,
                       int only_changed, char **paths, size_t npaths, int jobs, size_t budget)
{
    memset(q, 0, sizeof *q);
    pthread_mutex_init(&q->lock, NULL);
    pthread_cond_init(&q->built, NULL);
    pthread_cond_init(&q->room, NULL);
    q->files = es_xcalloc(npaths ? npaths : 1, sizeof *q->files);
    for (size_t i = 0; i < npaths; i++)
        q->files[i].path = paths[i];
    q->nfiles = npaths;
    q->budget = budget;
    q->pipe = pipe;
    q->sink = sink;
    q->only_changed = only_changed;
    q->threads = es_xcalloc((size_t)jobs, sizeof *q->threads);
    /* Signals go to the calling thread, whose handlers (Ctrl-C in the
     * REPL) know what it is running. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    for (int i = 0; i < jobs; i++)
        if (pthread_create(&q->threads[q->nthreads], NULL, worker, q) == 0)
            q->nthreads++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (q->nthreads == 0) {
        /* No thread could be made: build everything on this one first. */
        q->budget = (size_t)-1;
        worker(q);
    }
}

es_document *build_queue_take(build_queue *q, size_t f, size_t k, int *skipped, double *waited)
{
    build_file *file = &q->files[f];
    double t0 = es_seconds();
    pthread_mutex_lock(&q->lock);
    if (k >= file->nbuilt && !file->finished) {
        q->writer_wants = k;
        pthread_cond_broadcast(&q->room);
    }
    while (k >= file->nbuilt && !file->finished)
        pthread_cond_wait(&q->built, &q->lock);
    int have = k < file->nbuilt;
    pthread_mutex_unlock(&q->lock);
    *waited += es_seconds() - t0;
    if (!have)
        return NULL;
    *skipped = file->skipped[k];
    return &file->docs[k];
}

static void free_file(build_file *file)
{
    for (size_t k = 0; k < file->nbuilt; k++)
        if (file->docs[k].key) /* not released: a load cut short */
            es_document_free(&file->docs[k]);
    es_source_list_free(&file->sources);
    free(file->docs);
    free(file->skipped);
    free(file->error);
    file->docs = NULL;
    file->skipped = NULL;
    file->error = NULL;
    file->nbuilt = 0;
}

/* Frees, in order, the files the writer is past whose documents are all
 * released. Their workers are done with them: the writer passes a file
 * only once it is finished. */
static void free_passed_files(build_queue *q)
{
    while (q->freed < q->writer_at && q->files[q->freed].nreleased == q->files[q->freed].nbuilt)
        free_file(&q->files[q->freed++]);
}

void build_queue_writer_at(build_queue *q, size_t f)
{
    pthread_mutex_lock(&q->lock);
    q->writer_at = f;
    q->writer_wants = 0;
    pthread_cond_broadcast(&q->room);
    pthread_mutex_unlock(&q->lock);
    free_passed_files(q);
}

void build_queue_release(build_queue *q, size_t f, size_t k)
{
    build_file *file = &q->files[f];
    size_t len = file->sources.items[k].len;
    es_document_free(&file->docs[k]);
    es_source_empty(&file->sources.items[k]);
    file->nreleased++;
    give_back_room(q, len);
    free_passed_files(q);
}

void build_queue_finish(build_queue *q)
{
    for (int i = 0; i < q->nthreads; i++)
        pthread_join(q->threads[i], NULL);
    for (size_t f = q->freed; f < q->nfiles; f++)
        free_file(&q->files[f]);
    free(q->threads);
    free(q->files);
    pthread_cond_destroy(&q->built);
    pthread_cond_destroy(&q->room);
    pthread_mutex_destroy(&q->lock);
    memset(q, 0, sizeof *q);
}
