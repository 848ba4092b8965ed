/* Builds a benchmark corpus of a given size from real documents: each
 * document of the inputs (a CSV row, a page) is written again and again as
 * a UTF-8 text file whose first line is unique, so every copy has its own
 * hash and is loaded, not skipped as unchanged.
 *   bench_corpus OUTDIR MIB PATH...
 * Files go to OUTDIR/NNNN/NNNNNNN.txt, a thousand a folder. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edushell/load/ingest.h"

static int make_dir(const char *path)
{
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        return -1;
    }
    return 0;
}

static int write_copy(const char *outdir, size_t n, const es_source *src, size_t *bytes)
{
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/%04zu", outdir, n / 1000);
    if (n % 1000 == 0 && make_dir(dir) != 0)
        return -1;
    snprintf(path, sizeof path, "%s/%07zu.txt", dir, n);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return -1;
    }
    int head = fprintf(f, "副本%07zu\n", n);
    size_t body = fwrite(src->text, 1, src->len, f);
    if (fclose(f) != 0 || head < 0 || body != src->len) {
        perror(path);
        return -1;
    }
    *bytes += (size_t)head + body;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4 || atof(argv[2]) <= 0) {
        fputs("usage: bench_corpus OUTDIR MIB PATH...\n", stderr);
        return 2;
    }
    const char *outdir = argv[1];
    size_t target = (size_t)(atof(argv[2]) * (1 << 20));
    es_source_list sources = {0};
    for (int i = 3; i < argc; i++) {
        es_err err = {{0}};
        if (es_source_read(argv[i], &sources, &err) != 0)
            fprintf(stderr, "bench_corpus: %s: %s (skipped)\n", argv[i], err.msg);
    }
    if (sources.n == 0 || make_dir(outdir) != 0) {
        fputs("bench_corpus: no documents to copy\n", stderr);
        return 1;
    }
    size_t bytes = 0, n = 0;
    while (bytes < target) {
        if (write_copy(outdir, n, &sources.items[n % sources.n], &bytes) != 0)
            return 1;
        n++;
    }
    printf("%zu documents, %.1f MiB in %s\n", n, (double)bytes / (1 << 20), outdir);
    es_source_list_free(&sources);
    return 0;
}
