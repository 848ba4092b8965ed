/* From paths on disk to documents handed to a sink: the writer's side.
 * Workers (build_queue.c) read and build; this thread puts each document
 * into the sink in the order of the paths, flushes a batch when enough
 * text has gone in, and only then reports its documents as kept. */
#include "edushell/load/ingest.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build_queue.h"
#include "walk.h"

typedef struct pending {
    size_t file, doc;
    es_put_result result;
} pending;

typedef struct writer {
    build_queue *queue;
    const es_sink *sink;
    const es_ingest_events *ev;
    es_ingest_totals *t;
    pending *batch;
    size_t nbatch, cap, batch_text, batch_limit;
} writer;

static void report_error(const es_ingest_events *ev, es_ingest_totals *t, const char *path,
                         const char *reason)
{
    t->errors++;
    if (ev && ev->on_error)
        ev->on_error(ev->ctx, path, reason);
}

static void count(es_ingest_totals *t, const es_document *doc, es_put_result result)
{
    t->added += result == ES_PUT_ADDED;
    t->replaced += result == ES_PUT_REPLACED;
    t->unchanged += result == ES_PUT_UNCHANGED;
    t->indicators += doc->indicators.n;
    t->bytes += doc->src->len;
}

/* Commits the batch; then its documents are reported, kept or failed. */
static void flush(writer *w)
{
    if (w->nbatch == 0)
        return;
    es_err err = {{0}};
    double t0 = es_seconds();
    int rc = w->sink->flush ? w->sink->flush(w->sink->ctx, &err) : 0;
    w->t->seconds[ES_STAGE_COMMIT] += es_seconds() - t0;
    for (size_t i = 0; i < w->nbatch; i++) {
        pending *p = &w->batch[i];
        es_document *doc = &w->queue->files[p->file].docs[p->doc];
        if (rc == 0) {
            count(w->t, doc, p->result);
            if (w->ev && w->ev->on_document)
                w->ev->on_document(w->ev->ctx, doc, p->result);
        } else {
            report_error(w->ev, w->t, doc->src->name, err.msg);
        }
        build_queue_release(w->queue, p->file, p->doc);
    }
    w->nbatch = 0;
    w->batch_text = 0;
}

static void put(writer *w, size_t f, size_t k, es_document *doc)
{
    es_put_result result;
    es_err err = {{0}};
    double t0 = es_seconds();
    int rc = w->sink->put(w->sink->ctx, doc, &result, &err);
    w->t->seconds[ES_STAGE_STORE] += es_seconds() - t0;
    if (rc != 0) {
        report_error(w->ev, w->t, doc->src->name, err.msg);
        build_queue_release(w->queue, f, k);
        return;
    }
    if (w->nbatch == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 64;
        w->batch = es_xrealloc(w->batch, w->cap * sizeof *w->batch);
    }
    w->batch[w->nbatch++] = (pending){f, k, result};
    w->batch_text += doc->src->len;
    if (w->batch_text >= w->batch_limit)
        flush(w);
}

static void add_build_times(es_ingest_totals *t, const es_document *doc)
{
    for (int s = ES_STAGE_HASH; s <= ES_STAGE_LINK; s++)
        t->seconds[s] += doc->seconds[s];
}

static void write_file(writer *w, size_t f)
{
    build_queue_writer_at(w->queue, f);
    es_document *doc;
    int skipped = 0;
    for (size_t k = 0; (doc = build_queue_take(w->queue, f, k, &skipped, &w->t->waiting)); k++) {
        add_build_times(w->t, doc);
        if (skipped) {
            w->t->unchanged++;
            w->t->bytes += doc->src->len;
            build_queue_release(w->queue, f, k);
        } else {
            put(w, f, k, doc);
        }
    }
    build_file *file = &w->queue->files[f];
    w->t->seconds[ES_STAGE_READ] += file->read_seconds;
    if (file->error)
        report_error(w->ev, w->t, file->path, file->error);
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1 ? (int)n - 1 : 1;
}

int es_ingest_run(const es_pipeline *pipe, const es_sink *sink, const char *const *paths,
                  size_t npaths, const es_ingest_options *opt, const es_ingest_events *ev,
                  es_ingest_totals *totals)
{
    es_ingest_options o = opt ? *opt : (es_ingest_options){0};
    if (o.jobs <= 0)
        o.jobs = default_jobs();
    if (o.batch_bytes == 0)
        o.batch_bytes = ES_INGEST_BATCH_BYTES;
    es_ingest_totals t = {0};
    walk_list files = {0}, unreadable = {0}, special = {0}, skipped = {0};
    walk_paths(paths, npaths, &files, &unreadable, &special, &skipped);
    for (size_t i = 0; i < unreadable.n; i++)
        report_error(ev, &t, unreadable.items[i], "cannot read directory");
    for (size_t i = 0; ev && ev->on_note && i < special.n; i++)
        ev->on_note(ev->ctx, special.items[i], walk_kind(special.items[i]));
    t.skipped = skipped.n;
    if (skipped.n > 0 && ev && ev->on_skipped) {
        char *summary = walk_skipped_summary(&skipped);
        ev->on_skipped(ev->ctx, skipped.n, summary);
        free(summary);
    }
    walk_list_free(&skipped);

    build_queue queue;
    /* Workers may build one batch ahead of the one being written. */
    build_queue_start(&queue, pipe, sink, o.only_changed, files.items, files.n, o.jobs,
                      2 * o.batch_bytes);
    writer w = {.queue = &queue, .sink = sink, .ev = ev, .t = &t, .batch_limit = o.batch_bytes};
    for (size_t f = 0; f < files.n; f++) {
        write_file(&w, f);
        t.files++;
        if (ev && ev->on_progress)
            ev->on_progress(ev->ctx, f + 1, files.n);
    }
    flush(&w);
    build_queue_writer_at(&queue, files.n);
    build_queue_finish(&queue);
    free(w.batch);
    walk_list_free(&files);
    walk_list_free(&unreadable);
    walk_list_free(&special);
    if (totals)
        *totals = t;
    return t.errors ? -1 : 0;
}

int es_ingest_paths(const es_pipeline *pipe, const es_sink *sink, const char *const *paths,
                    size_t npaths, int only_changed, const es_ingest_events *ev,
                    es_ingest_totals *totals)
{
    es_ingest_options o = {.only_changed = only_changed};
    return es_ingest_run(pipe, sink, paths, npaths, &o, ev, totals);
}
