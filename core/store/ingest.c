/* From paths on disk to stored documents. */
#include "edushell/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edushell/sha256.h"

typedef struct path_list {
    char **items;
    size_t n, cap;
} path_list;

static void path_list_add(path_list *l, const char *p)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = es_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = es_xstrdup(p);
}

static void path_list_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under `dir`, skipping hidden entries, sorted so a
 * load is repeatable. */
static void collect_dir(const char *dir, path_list *files, path_list *errors)
{
    DIR *d = opendir(dir);
    if (!d) {
        path_list_add(errors, dir);
        return;
    }
    path_list names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            path_list_add(&names, e->d_name);
    closedir(d);
    qsort(names.items, names.n, sizeof *names.items, compare_names);
    for (size_t i = 0; i < names.n; i++) {
        es_buf p = {0};
        es_buf_printf(&p, "%s/%s", dir, names.items[i]);
        struct stat st;
        if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
            collect_dir(p.data, files, errors);
        else
            path_list_add(files, p.data);
        es_buf_free(&p);
    }
    path_list_free(&names);
}

static void report_error(const es_ingest_events *ev, es_ingest_totals *t, const char *path,
                         const char *reason)
{
    t->errors++;
    if (ev && ev->on_error)
        ev->on_error(ev->ctx, path, reason);
}

static void load_source(es_store *store, const es_pipeline *pipe, const es_source *src,
                        int only_changed, const es_ingest_events *ev, es_ingest_totals *t)
{
    if (only_changed) {
        char *key = es_store_key(src);
        char sha[65];
        es_sha256_hex(src->text, src->len, sha);
        int known = es_store_has(store, key, sha);
        free(key);
        if (known) {
            t->unchanged++;
            return;
        }
    }
    es_document doc;
    es_document_build(pipe, src, &doc);
    es_put_result result;
    es_err err = {{0}};
    if (es_store_put(store, &doc, &result, &err) != 0) {
        report_error(ev, t, src->name, err.msg);
    } else {
        t->added += result == ES_PUT_ADDED;
        t->replaced += result == ES_PUT_REPLACED;
        t->unchanged += result == ES_PUT_UNCHANGED;
        t->indicators += doc.indicators.n;
        if (ev && ev->on_document)
            ev->on_document(ev->ctx, &doc, result);
    }
    es_document_free(&doc);
}

static void load_file(es_store *store, const es_pipeline *pipe, const char *path,
                      int only_changed, const es_ingest_events *ev, es_ingest_totals *t)
{
    es_source_list sources = {0};
    es_err err = {{0}};
    if (es_source_read(path, &sources, &err) != 0) {
        report_error(ev, t, path, err.msg);
        return;
    }
    for (size_t i = 0; i < sources.n; i++)
        load_source(store, pipe, &sources.items[i], only_changed, ev, t);
    es_source_list_free(&sources);
}

int es_ingest_paths(es_store *store, const es_pipeline *pipe, const char *const *paths,
                    size_t npaths, int only_changed, const es_ingest_events *ev,
                    es_ingest_totals *totals)
{
    es_ingest_totals t = {0};
    path_list files = {0}, unreadable = {0};
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            collect_dir(paths[i], &files, &unreadable);
        else
            path_list_add(&files, paths[i]); /* a missing file is reported by the reader */
    }
    for (size_t i = 0; i < unreadable.n; i++)
        report_error(ev, &t, unreadable.items[i], "cannot read directory");
    for (size_t i = 0; i < files.n; i++) {
        load_file(store, pipe, files.items[i], only_changed, ev, &t);
        t.files++;
        if (ev && ev->on_progress)
            ev->on_progress(ev->ctx, i + 1, files.n);
    }
    path_list_free(&files);
    path_list_free(&unreadable);
    if (totals)
        *totals = t;
    return t.errors ? -1 : 0;
}
