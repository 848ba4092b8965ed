/* `edushell load [--changed] [--convert] [--jobs N] [--batch SIZE] PATH...` and
 * `edushell load --jsonl SHARD...` (what extract wrote, merged):
 * one line per document on stdout; errors, the files skipped and a summary
 * with the formats loaded on stderr; a progress bar on stderr when it is a
 * terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "edushell/load/ingest.h"
#include "edushell/load/shard.h"

typedef struct load_view {
    int progress;       /* draw a progress bar */
    int bar_drawn;
    int bar_used;       /* a bar was drawn: the wait for the index is shown too */
    size_t formats[ES_FORMAT_RTF + 1];   /* documents loaded, by format */
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
    if ((unsigned)doc->src->format < sizeof v->formats / sizeof v->formats[0])
        v->formats[doc->src->format]++;
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

static void print_note(void *ctx, const char *path, const char *what)
{
    clear_bar(ctx);
    es_app_error("%s: skipped: %s, not a file to read", path, what);
}

static void print_skipped(void *ctx, size_t count, const char *summary)
{
    (void)count;
    clear_bar(ctx);
    fprintf(stderr, "skipped %s (not documents)\n", summary);
}

/* "; 3 docx, 2 pdf, 1 text": the documents loaded by format. */
static void print_formats(const load_view *v)
{
    const char *sep = "; ";
    for (size_t f = 0; f < sizeof v->formats / sizeof v->formats[0]; f++) {
        if (v->formats[f] == 0)
            continue;
        fprintf(stderr, "%s%zu %s", sep, v->formats[f], es_format_name((es_format)f));
        sep = ", ";
    }
}

static void draw_progress(void *ctx, size_t done, size_t total)
{
    load_view *v = ctx;
    if (!v->progress || total < PROGRESS_MIN_FILES)
        return;
    int filled = (int)(done * BAR_WIDTH / total);
    v->bar_used = 1;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu files", filled, "##############################",
            BAR_WIDTH - filled, "", done, total);
    v->bar_drawn = 1;
    if (done == total)
        clear_bar(v);
}

/* Reads the options before the paths: returns the index of the first
 * path, or -1 after a usage error, whose exit status goes to *status. */
static int load_options(int argc, char **argv, es_ingest_options *o, es_source_options *reading,
                        int *jsonl, int *status)
{
    int i = 0;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--changed") == 0) {
            o->only_changed = 1;
        } else if (strcmp(argv[i], "--convert") == 0) {
            reading->convert = 1;
        } else if (strcmp(argv[i], "--jsonl") == 0) {
            *jsonl = 1;
        } else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 256) {
                *status = es_usage_error("load", "--jobs takes a number from 1 to 256, not '%s'", argv[i]);
                return -1;
            }
            o->jobs = (int)n;
        } else if (strcmp(argv[i], "--max-size") == 0 && i + 1 < argc) {
            if ((reading->max_size = es_parse_size(argv[++i])) == 0) {
                *status = es_usage_error("load", "--max-size takes a size (bytes, or with k or M), not '%s'",
                                         argv[i]);
                return -1;
            }
        } else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
            if ((o->batch_bytes = es_parse_size(argv[++i])) == 0) {
                *status = es_usage_error("load", "--batch takes a size (bytes, or with k or M), not '%s'",
                                         argv[i]);
                return -1;
            }
        } else {
            *status = es_usage_error("load", "unknown option '%s'", argv[i]);
            return -1;
        }
    }
    if (i == argc) {
        *status = es_usage_error("load", "no path given");
        return -1;
    }
    return i;
}

int es_cmd_load(es_app *app, int argc, char **argv)
{
    es_ingest_options opt = {0};
    int status = ES_EXIT_OK, jsonl = 0;
    int first = load_options(argc, argv, &opt, &app->pipeline.reading, &jsonl, &status);
    if (first < 0)
        return status;
    load_view view = {.progress = isatty(STDERR_FILENO)};
    es_ingest_events ev = {.ctx = &view, .on_document = print_document, .on_error = print_error,
                           .on_progress = draw_progress, .on_note = print_note,
                           .on_skipped = print_skipped};
    es_ingest_totals t;
    es_sink sink = es_store_sink(app->store);
    const char *const *paths = (const char *const *)argv + first;
    size_t npaths = (size_t)(argc - first);
    int rc = jsonl ? es_ingest_shards(&sink, paths, npaths, es_store_metrics(app->store), opt.batch_bytes,
                                      app->pipeline.reading.max_size, &ev, &t)
                   : es_ingest_run(&app->pipeline, &sink, paths, npaths, &opt, &ev, &t);
    /* The search file is written on a thread of its own behind the rows:
     * the load ends when it holds them too. */
    if (view.bar_used) {
        fputs("indexing the last sentences for search...", stderr);
        view.bar_drawn = 1;
    }
    es_err why = {{0}};
    int searchable = es_store_searchable(app->store, &why);
    clear_bar(&view);
    fprintf(stderr, "loaded %zu new, %zu replaced, %zu unchanged, %zu errors; %zu indicators",
            t.added, t.replaced, t.unchanged, t.errors, t.indicators);
    print_formats(&view);
    fputc('\n', stderr);
    if (searchable != 0)
        fprintf(stderr, "edushell: %s (the rows are stored; searches read the sentences the index lacks)\n",
                why.msg);
    return rc == 0 && searchable == 0 ? ES_EXIT_OK : ES_EXIT_FAILURE;
}
