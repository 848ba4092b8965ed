/* From paths on disk to documents handed to a sink. */
#include "edushell/load/ingest.h"

#include "walk.h"

static void report_error(const es_ingest_events *ev, es_ingest_totals *t, const char *path,
                         const char *reason)
{
    t->errors++;
    if (ev && ev->on_error)
        ev->on_error(ev->ctx, path, reason);
}

static void count(es_ingest_totals *t, es_put_result result)
{
    t->added += result == ES_PUT_ADDED;
    t->replaced += result == ES_PUT_REPLACED;
    t->unchanged += result == ES_PUT_UNCHANGED;
}

static void load_source(const es_pipeline *pipe, const es_sink *sink, const es_source *src,
                        int only_changed, const es_ingest_events *ev, es_ingest_totals *t)
{
    es_document doc;
    es_document_begin(&doc, src);
    if (only_changed && sink->has && sink->has(sink->ctx, doc.key, doc.sha256)) {
        t->unchanged++;
        es_document_free(&doc);
        return;
    }
    es_document_analyse(pipe, &doc);
    es_put_result result;
    es_err err = {{0}};
    if (sink->put(sink->ctx, &doc, &result, &err) != 0) {
        report_error(ev, t, src->name, err.msg);
    } else {
        count(t, result);
        t->indicators += doc.indicators.n;
        if (ev && ev->on_document)
            ev->on_document(ev->ctx, &doc, result);
    }
    es_document_free(&doc);
}

static void load_file(const es_pipeline *pipe, const es_sink *sink, const char *path,
                      int only_changed, const es_ingest_events *ev, es_ingest_totals *t)
{
    es_source_list sources = {0};
    es_err err = {{0}};
    if (es_source_read(path, &sources, &err) != 0) {
        report_error(ev, t, path, err.msg);
        return;
    }
    for (size_t i = 0; i < sources.n; i++)
        load_source(pipe, sink, &sources.items[i], only_changed, ev, t);
    es_source_list_free(&sources);
}

int es_ingest_paths(const es_pipeline *pipe, const es_sink *sink, const char *const *paths,
                    size_t npaths, int only_changed, const es_ingest_events *ev,
                    es_ingest_totals *totals)
{
    es_ingest_totals t = {0};
    walk_list files = {0}, unreadable = {0};
    walk_paths(paths, npaths, &files, &unreadable);
    for (size_t i = 0; i < unreadable.n; i++)
        report_error(ev, &t, unreadable.items[i], "cannot read directory");
    for (size_t i = 0; i < files.n; i++) {
        load_file(pipe, sink, files.items[i], only_changed, ev, &t);
        t.files++;
        if (ev && ev->on_progress)
            ev->on_progress(ev->ctx, i + 1, files.n);
    }
    walk_list_free(&files);
    walk_list_free(&unreadable);
    if (totals)
        *totals = t;
    return t.errors ? -1 : 0;
}
