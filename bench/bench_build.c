/* The document build on its own, without a database: for sources already
 * read and decoded, the key and hash, metadata, normalized view,
 * structure, indicators and canonical metrics, as a load builds them.
 *   bench_build [--repeat N] PATH...   (prints MiB/s and the share of each stage)
 * A PATH is read as the loader reads it: a CSV corpus gives a source a row;
 * the reading (and decoding) is timed apart, once.
 * Time is the process's CPU time, so that other work on a shared machine
 * does not count; the stages' shares are of their wall-clock time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edushell/base/config.h"
#include "edushell/load/pipeline.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const stage_names[ES_NSTAGES] = {
    [ES_STAGE_READ] = "read", [ES_STAGE_HASH] = "hash", [ES_STAGE_ANALYSE] = "analyse",
    [ES_STAGE_LINK] = "link", [ES_STAGE_STORE] = "store", [ES_STAGE_COMMIT] = "commit",
};

int main(int argc, char **argv)
{
    int repeat = 10, first = 1;
    if (argc > 2 && strcmp(argv[1], "--repeat") == 0) {
        repeat = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || repeat <= 0) {
        fprintf(stderr, "usage: bench_build [--repeat N] PATH...\n");
        return 2;
    }
    es_err err = {{0}};
    es_paths paths;
    es_pipeline pipe;
    if (es_paths_find(&paths, &err) != 0 || es_pipeline_open(&pipe, paths.data, &err) != 0) {
        fprintf(stderr, "bench_build: %s\n", err.msg);
        return 1;
    }
    es_source_list sources = {0};
    double read_start = now_seconds();
    for (int i = first; i < argc; i++)
        if (es_source_read(argv[i], &sources, &err) != 0)
            fprintf(stderr, "bench_build: %s: %s\n", argv[i], err.msg);
    double read_seconds = now_seconds() - read_start;
    double bytes = 0, seconds = 0, stages[ES_NSTAGES] = {0}, staged = 0;
    size_t indicators = 0;
    for (int r = 0; r < repeat; r++)
        for (size_t k = 0; k < sources.n; k++) {
            es_document doc;
            double t0 = now_seconds();
            es_document_build(&pipe, &sources.items[k], &doc);
            seconds += now_seconds() - t0;
            bytes += (double)sources.items[k].len;
            for (int s = 0; s < ES_NSTAGES; s++) {
                stages[s] += doc.seconds[s];
                staged += doc.seconds[s];
            }
            indicators += doc.indicators.n;
            es_document_free(&doc);
        }
    printf("%zu documents, %.1f MiB in %.3f s: %.1f MiB/s, %zu indicators\n", sources.n,
           bytes / (1 << 20), seconds, seconds > 0 ? bytes / (1 << 20) / seconds : 0.0,
           indicators / (size_t)repeat);
    printf("  read     %.3f s\n", read_seconds);
    for (int s = 0; s < ES_NSTAGES; s++)
        if (stages[s] > 0)
            printf("  %-8s %6.1f%%\n", stage_names[s], 100 * stages[s] / staged);
    es_source_list_free(&sources);
    es_pipeline_close(&pipe);
    return 0;
}
