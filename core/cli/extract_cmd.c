/* `edushell extract [--max-size SIZE] [--jobs N] [--out FILE] PATH...`: every document of
 * the paths as one line of JSON (core/load/shard.h), without a database,
 * for `load --jsonl` to merge later. Errors on stderr, one line each. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "edushell/load/shard.h"

static void print_error(void *ctx, const char *path, const char *reason)
{
    (void)ctx;
    es_app_error("%s: %s", path, reason);
}

int es_cmd_extract(es_app *app, int argc, char **argv)
{
    es_ingest_options opt = {0};
    const char *out_path = NULL;
    int i = 0;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        char *end;
        if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 256)
                return es_usage_error("extract", "--jobs takes a number from 1 to 256, not '%s'", argv[i]);
            opt.jobs = (int)n;
        } else if (strcmp(argv[i], "--max-size") == 0 && i + 1 < argc) {
            if ((app->pipeline.reading.max_size = es_parse_size(argv[++i])) == 0)
                return es_usage_error("extract", "--max-size takes a size (bytes, or with k or M), not '%s'",
                                      argv[i]);
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out_path = argv[++i];
        } else {
            return es_usage_error("extract", "unknown option '%s'", argv[i]);
        }
    }
    if (i == argc)
        return es_usage_error("extract", "no path given");
    FILE *out = out_path ? fopen(out_path, "wb") : stdout;
    if (!out) {
        es_app_error("%s: cannot write: %s", out_path, strerror(errno));
        return ES_EXIT_FAILURE;
    }
    es_shard_writer w = {out};
    es_sink sink = es_shard_sink(&w);
    es_ingest_events ev = {.on_error = print_error};
    es_ingest_totals t;
    int rc = es_ingest_run(&app->pipeline, &sink, (const char *const *)argv + i, (size_t)(argc - i), &opt,
                           &ev, &t);
    if (out_path && fclose(out) != 0) {
        es_app_error("%s: write failed", out_path);
        rc = -1;
    }
    fprintf(stderr, "extracted %zu documents, %zu errors; %zu indicators\n", t.added, t.errors, t.indicators);
    return rc == 0 ? ES_EXIT_OK : ES_EXIT_FAILURE;
}
