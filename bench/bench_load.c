/* End-to-end load throughput: files read, decoded, extracted and stored in
 * a fresh database, one transaction per document.
 *   bench_load [--repeat N] PATH...   (prints MiB/s, documents/s, peak memory) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "edushell/base/config.h"
#include "edushell/load/ingest.h"
#include "edushell/store/store.h"

typedef struct tally {
    size_t bytes, docs;
} tally;

static void count_document(void *ctx, const es_document *doc, es_put_result result)
{
    (void)result;
    tally *t = ctx;
    t->bytes += doc->src->len;
    t->docs++;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One load into a new database; returns the seconds it took. */
static double load_once(const es_pipeline *pipe, const char *const *paths, size_t n, tally *t)
{
    char dir[] = "/tmp/edushell-bench-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(1);
    }
    char db[64];
    snprintf(db, sizeof db, "%s/bench.db", dir);
    es_err err = {{0}};
    es_store *store = es_store_open(db, &err);
    if (!store) {
        fprintf(stderr, "bench_load: %s\n", err.msg);
        exit(1);
    }
    /* As the load command does: indicators get their canonical metric. */
    if (es_store_sync_metrics(store, &pipe->file_metrics, &err) != 0) {
        fprintf(stderr, "bench_load: %s\n", err.msg);
        exit(1);
    }
    es_ingest_events ev = {.ctx = t, .on_document = count_document};
    es_sink sink = es_store_sink(store);
    double start = now_seconds();
    es_ingest_totals tot;
    es_ingest_run(pipe, &sink, paths, n, NULL, &ev, &tot);
    double took = now_seconds() - start;
    static const char *const names[ES_NSTAGES] = {"read", "hash", "analyse", "link", "store", "commit"};
    for (int i = 0; i < ES_NSTAGES; i++)
        printf("  %-9s %8.2f s\n", names[i], tot.seconds[i]);
    printf("  %-9s %8.2f s\n", "waiting", tot.waiting);
    es_store_close(store);
    char wal[80], shm[80];
    snprintf(wal, sizeof wal, "%s-wal", db);
    snprintf(shm, sizeof shm, "%s-shm", db);
    unlink(db);
    unlink(wal);
    unlink(shm);
    rmdir(dir);
    return took;
}

int main(int argc, char **argv)
{
    int repeat = 3, first = 1;
    if (argc > 2 && strcmp(argv[1], "--repeat") == 0) {
        repeat = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || repeat < 1) {
        fputs("usage: bench_load [--repeat N] PATH...\n", stderr);
        return 2;
    }
    es_pipeline pipe;
    es_paths paths;
    es_err err = {{0}};
    if (es_paths_find(&paths, &err) != 0 || es_pipeline_open(&pipe, paths.data, &err) != 0) {
        fprintf(stderr, "bench_load: %s\n", err.msg);
        return 1;
    }
    double best = 0;
    tally t = {0};
    for (int r = 0; r < repeat; r++) {
        t = (tally){0};
        double s = load_once(&pipe, (const char *const *)argv + first, (size_t)(argc - first), &t);
        if (r == 0 || s < best)
            best = s;
    }
    struct rusage use;
    getrusage(RUSAGE_SELF, &use);
    printf("load: %zu documents, %.2f MiB in %.3f s (best of %d): %.2f MiB/s, %.1f documents/s,"
           " peak memory %.1f MiB\n",
           t.docs, (double)t.bytes / (1 << 20), best, repeat,
           (double)t.bytes / (1 << 20) / best, (double)t.docs / best, (double)use.ru_maxrss / 1024);
    es_pipeline_close(&pipe);
    return 0;
}
