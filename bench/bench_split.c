/* The limit of a load: reading the files and splitting their text into
 * sentences, nothing else (no metadata, extraction or database).
 *   bench_split PATH...   (directories recursively; prints MiB/s, one thread) */
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "edushell/document/segment.h"

typedef struct tally {
    size_t bytes, files, sentences;
} tally;

static void split_file(const char *path, size_t size, tally *t)
{
    FILE *f = fopen(path, "rb");
    char *text = f ? malloc(size + 1) : NULL;
    size_t n = text ? fread(text, 1, size, f) : 0;
    if (f)
        fclose(f);
    if (!text)
        return;
    es_structure s = {0};
    es_segment(text, n, &s);
    t->sentences += s.nsentences;
    t->bytes += n;
    t->files++;
    es_structure_free(&s);
    free(text);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: bench_split PATH...\n", stderr);
        return 2;
    }
    tally t = {0};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    FTS *walk = fts_open(argv + 1, FTS_PHYSICAL, NULL);
    for (FTSENT *e; walk && (e = fts_read(walk)) != NULL;)
        if (e->fts_info == FTS_F)
            split_file(e->fts_accpath, (size_t)e->fts_statp->st_size, &t);
    if (walk)
        fts_close(walk);
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
    printf("split: %zu files, %.2f MiB, %zu sentences in %.3f s: %.2f MiB/s\n", t.files,
           (double)t.bytes / (1 << 20), t.sentences, s, (double)t.bytes / (1 << 20) / s);
    return 0;
}
