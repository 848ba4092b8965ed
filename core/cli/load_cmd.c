/* `edushell load [--changed] PATH...`: one line per document on stdout,
 * errors on stderr, a progress bar on stderr when it is a terminal. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "edushell/load/ingest.h"

typedef struct load_view {
    int progress;       /* draw a progress bar */
    int bar_drawn;
} load_view;

/* Enough files that a bar helps; fewer load faster than it would draw. */
enum { PROGRESS_MIN_FILES = 20, BAR_WIDTH = 30 };

static void clear_bar(load_view *v)
{
    if (v->bar_drawn) {
        fputs("\r\033[K", stderr);
        v->bar_drawn = 0;
    }
}

static void print_document(void *ctx, const es_document *doc, es_put_result result)
{
    load_view *v = ctx;
    clear_bar(v);
    const es_meta *m = &doc->meta;
    char year[16] = "?";
    if (m->year)
        snprintf(year, sizeof year, "%d", m->year);
    printf("%s\t%s\t%s\t%s\t%zu indicators%s\n", doc->src->name, m->region ? m->region : "?",
           year, m->kind ? m->kind : "?", doc->indicators.n,
           result == ES_PUT_UNCHANGED ? " (unchanged)" : result == ES_PUT_REPLACED ? " (replaced)" : "");
    fflush(stdout);
}

static void print_error(void *ctx, const char *path, const char *reason)
{
    clear_bar(ctx);
    es_app_error("%s: %s", path, reason);
}

static void draw_progress(void *ctx, size_t done, size_t total)
{
    load_view *v = ctx;
    if (!v->progress || total < PROGRESS_MIN_FILES)
        return;
    int filled = (int)(done * BAR_WIDTH / total);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu files", filled, "##############################",
            BAR_WIDTH - filled, "", done, total);
    v->bar_drawn = 1;
    if (done == total)
        clear_bar(v);
}

int es_cmd_load(es_app *app, int argc, char **argv)
{
    int only_changed = 0;
    int first = 0;
    if (first < argc && strcmp(argv[first], "--changed") == 0) {
        only_changed = 1;
        first++;
    }
    if (first == argc) {
        return es_usage_error("load", "no path given");
    }
    load_view view = {.progress = isatty(STDERR_FILENO)};
    es_ingest_events ev = {&view, print_document, print_error, draw_progress};
    es_ingest_totals t;
    es_sink sink = es_store_sink(app->store);
    int rc = es_ingest_paths(&app->pipeline, &sink, (const char *const *)argv + first,
                             (size_t)(argc - first), only_changed, &ev, &t);
    clear_bar(&view);
    fprintf(stderr, "loaded %zu new, %zu replaced, %zu unchanged, %zu errors; %zu indicators\n",
            t.added, t.replaced, t.unchanged, t.errors, t.indicators);
    return rc == 0 ? ES_EXIT_OK : ES_EXIT_FAILURE;
}
