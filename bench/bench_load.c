/* End-to-end load throughput: files read, decoded, extracted and stored in
 * a fresh database, as `edushell load` does (threads building documents,
 * one transaction per batch, the search index written with each batch).
 *   bench_load [--repeat N] PATH...   (prints MiB/s, documents/s, peak memory)
 *   bench_load --db FILE PATH...      (one load into FILE, kept; adds bytes
 *                                      written, the database's size and the
 *                                      rate of the first and last tenth) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "edushell/base/config.h"
#include "edushell/base/sha256.h"
#include "edushell/load/ingest.h"
#include "edushell/store/store.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Documents as they are stored, and when: the rate of the first tenth of
 * the text against the last (the load is linear when they are alike). */
typedef struct tally {
    size_t bytes, docs, expected;
    double start, tenth_at, ninth_at;   /* when a tenth, nine tenths were stored */
    double queryable;                   /* seconds until every row was committed */
    size_t tenth_bytes, ninth_bytes;
} tally;

static void count_document(void *ctx, const es_document *doc, es_put_result result)
{
    (void)result;
    tally *t = ctx;
    t->bytes += doc->src->len;
    t->docs++;
    if (t->expected && !t->tenth_at && t->bytes * 10 >= t->expected) {
        t->tenth_at = now_seconds();
        t->tenth_bytes = t->bytes;
    }
    if (t->expected && !t->ninth_at && t->bytes * 10 >= t->expected * 9) {
        t->ninth_at = now_seconds();
        t->ninth_bytes = t->bytes;
    }
}

/* Bytes this process has caused to be written to storage (Linux). */
static long long bytes_written(void)
{
    FILE *f = fopen("/proc/self/io", "r");
    char line[128];
    long long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "write_bytes: %lld", &v) == 1)
            break;
    if (f)
        fclose(f);
    return v;
}

static long long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long long n = ftell(f);
    fclose(f);
    return n;
}

/* The text under the paths, for the tenths: file sizes less the first line
 * bench_corpus adds is near enough; a load reports exact bytes after. */
static size_t input_bytes(const char *const *paths, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "du -sb '%s'", paths[i]);
        FILE *p = popen(cmd, "r");
        unsigned long long b = 0;
        if (p && fscanf(p, "%llu", &b) == 1)
            total += (size_t)b;
        if (p)
            pclose(p);
    }
    return total;
}
/* One load into `keep` (a new database), or into a temporary one;
 * returns the seconds it took. */
static double load_once(const es_pipeline *pipe, const char *metrics_sha256, const char *const *paths, size_t n,
                        tally *t, const char *keep)
{
    char dir[] = "/tmp/edushell-bench-XXXXXX";
    char db[4200];
    if (keep) {
        snprintf(db, sizeof db, "%s", keep);
    } else {
        if (!mkdtemp(dir)) {
            perror("mkdtemp");
            exit(1);
        }
        snprintf(db, sizeof db, "%s/bench.db", dir);
    }
    es_err err = {{0}};
    es_store *store = es_store_open(db, &err);
    if (!store) {
        fprintf(stderr, "bench_load: %s\n", err.msg);
        exit(1);
    }
    /* As the load command does: indicators get their canonical metric, and
     * the database records which metric file it was synced from, so that a
     * session opening it later has nothing to sync. */
    if (es_store_sync_metrics_file(store, &pipe->file_metrics, metrics_sha256, 1, &err) != 0) {
        fprintf(stderr, "bench_load: %s\n", err.msg);
        exit(1);
    }
    es_ingest_events ev = {.ctx = t, .on_document = count_document};
    es_sink sink = es_store_sink(store);
    double start = now_seconds();
    t->start = start;
    es_ingest_totals tot;
    es_ingest_run(pipe, &sink, paths, n, NULL, &ev, &tot);
    t->queryable = now_seconds() - start;
    if (es_store_searchable(store, &err) != 0)
        fprintf(stderr, "bench_load: %s\n", err.msg);
    double took = now_seconds() - start;
    static const char *const names[ES_NSTAGES] = {"read", "hash", "analyse", "link", "store", "commit"};
    for (int i = 0; i < ES_NSTAGES; i++)
        printf("  %-9s %8.2f s\n", names[i], tot.seconds[i]);
    printf("  %-9s %8.2f s\n", "waiting", tot.waiting);
    es_store_close(store);
    if (keep)
        return took;
    char wal[4300], shm[4300];
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
    const char *keep = NULL;
    if (argc > 2 && strcmp(argv[1], "--repeat") == 0) {
        repeat = atoi(argv[2]);
        first = 3;
    } else if (argc > 2 && strcmp(argv[1], "--db") == 0) {
        keep = argv[2];
        repeat = 1;
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
    char metrics_path[4200], *metrics;
    size_t metrics_len;
    snprintf(metrics_path, sizeof metrics_path, "%s/metrics.tsv", paths.data);
    if (es_read_file(metrics_path, &metrics, &metrics_len, &err) != 0) {
        fprintf(stderr, "bench_load: %s: %s\n", metrics_path, err.msg);
        return 1;
    }
    char metrics_sha256[65];
    es_sha256_hex(metrics, metrics_len, metrics_sha256);
    free(metrics);
    double best = 0;
    tally t = {0};
    for (int r = 0; r < repeat; r++) {
        t = (tally){0};
        if (keep)
            t.expected = input_bytes((const char *const *)argv + first, (size_t)(argc - first));
        double s = load_once(&pipe, metrics_sha256, (const char *const *)argv + first, (size_t)(argc - first), &t,
                             keep);
        if (r == 0 || s < best)
            best = s;
    }
    struct rusage use;
    getrusage(RUSAGE_SELF, &use);
    printf("load: %zu documents, %.2f MiB in %.3f s (best of %d): %.2f MiB/s, %.1f documents/s,"
           " peak memory %.1f MiB\n",
           t.docs, (double)t.bytes / (1 << 20), best, repeat,
           (double)t.bytes / (1 << 20) / best, (double)t.docs / best, (double)use.ru_maxrss / 1024);
    if (keep && t.tenth_at && t.ninth_at) {
        double first_rate = (double)t.tenth_bytes / (t.tenth_at - t.start);
        double last_rate = (double)(t.bytes - t.ninth_bytes) / (t.start + t.queryable - t.ninth_at);
        long long on_disk = 0;
        static const char *const SUFFIXES[] = {"", "-wal", "-search", "-search-wal"};
        for (size_t i = 0; i < sizeof SUFFIXES / sizeof SUFFIXES[0]; i++) {
            char path[4300];
            snprintf(path, sizeof path, "%s%s", keep, SUFFIXES[i]);
            on_disk += file_size(path);
        }
        printf("bytes %zu seconds %.3f queryable %.3f written %lld db %lld peak_kib %ld first_tenth %.3f"
               " last_tenth %.3f\n",
               t.bytes, best, t.queryable, bytes_written(), on_disk, use.ru_maxrss, first_rate / (1 << 20),
               last_rate / (1 << 20));
    }
    es_pipeline_close(&pipe);
    return 0;
}
