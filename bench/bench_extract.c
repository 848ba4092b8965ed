/* Extraction on its own, without a database.
 *
 *   bench_extract --jsonl [--kind K] [--year Y] FILE...
 *       prints one JSON object per indicator (the format gold/score.py reads)
 *   bench_extract [--repeat N] FILE...
 *       reports throughput of view + segment + extract in MiB/s
 *
 * FILE is read as UTF-8 text, whole (a CSV corpus is timed as one text). */
#include "edushell/base/common.h"
#include "edushell/base/config.h"
#include "edushell/extract/extract.h"
#include "edushell/base/json.h"
#include "edushell/text/normalize.h"
#include "edushell/document/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct options {
    int jsonl;
    const char *kind;
    int year;
    int repeat;
    int first_file;
} options;

/* The project's JSON string escaping, written straight to a stream. */
static void json_string(FILE *f, const char *s, size_t n)
{
    es_buf b = {0};
    es_json_string(&b, s, n);
    fwrite(b.data, 1, b.len, f);
    es_buf_free(&b);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void print_indicator(const char *doc, const char *text, const es_indicator *ind, int doc_year)
{
    printf("{\"doc\": ");
    json_string(stdout, doc, strlen(doc));
    printf(", \"start\": %zu, \"end\": %zu, \"number\": ", ind->start, ind->end);
    json_string(stdout, text + ind->start, ind->end - ind->start);
    printf(", \"metric\": ");
    json_string(stdout, ind->metric, strlen(ind->metric));
    printf(", \"value\": %.15g", ind->value);
    if (ind->has_hi)
        printf(", \"value_hi\": %.15g", ind->value_hi);
    printf(", \"unit\": ");
    json_string(stdout, ind->unit, strlen(ind->unit));
    printf(", \"kind\": \"%s\", \"cmp\": \"%s\", \"scope\": ", es_ind_kind_name(ind->kind), ind->cmp);
    if (ind->scope[0])
        json_string(stdout, ind->scope, strlen(ind->scope));
    else
        printf("null");
    printf(", \"year\": %d}\n", ind->year ? ind->year : doc_year);
}

static void extract_text(const es_extractor *ex, const options *o, const char *text, size_t len,
                         es_indicator_list *out)
{
    es_view view;
    es_structure st;
    es_text_in in = { .text = text, .len = len, .doc_kind = o->kind, .doc_year = o->year };
    es_extract_text(ex, &in, &view, &st, NULL, out);
    es_structure_free(&st);
    es_view_free(&view);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run_file(const es_extractor *ex, const options *o, const char *path,
                    double *bytes, double *seconds, size_t *found)
{
    char *text;
    size_t len;
    es_err err;
    if (es_read_file(path, &text, &len, &err) != 0) {
        fprintf(stderr, "bench_extract: %s: %s\n", path, err.msg);
        return -1;
    }
    int repeat = o->jsonl ? 1 : o->repeat;
    double t0 = now_seconds();
    for (int r = 0; r < repeat; r++) {
        es_indicator_list list = { 0 };
        extract_text(ex, o, text, len, &list);
        if (o->jsonl)
            for (size_t k = 0; k < list.n; k++)
                print_indicator(base_name(path), text, &list.items[k], o->year);
        *found += list.n;
        es_indicator_list_free(&list);
    }
    *seconds += now_seconds() - t0;
    *bytes += (double)len * repeat;
    free(text);
    return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
    *o = (options){ .repeat = 20 };
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--jsonl") == 0)
            o->jsonl = 1;
        else if (strcmp(argv[i], "--kind") == 0 && i + 1 < argc)
            o->kind = argv[++i];
        else if (strcmp(argv[i], "--year") == 0 && i + 1 < argc)
            o->year = atoi(argv[++i]);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc)
            o->repeat = atoi(argv[++i]);
        else
            return -1;
    }
    o->first_file = i;
    return i < argc && o->repeat > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    options o;
    if (parse_options(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: bench_extract --jsonl [--kind K] [--year Y] FILE...\n"
                        "       bench_extract [--repeat N] FILE...\n");
        return 2;
    }
    es_err err;
    es_paths paths;
    es_extractor *ex = es_paths_find(&paths, &err) == 0 ? es_extractor_new(paths.data, &err) : NULL;
    if (!ex) {
        fprintf(stderr, "bench_extract: %s\n", err.msg);
        return 1;
    }
    double bytes = 0, seconds = 0;
    size_t found = 0;
    int rc = 0;
    for (int i = o.first_file; i < argc; i++)
        if (run_file(ex, &o, argv[i], &bytes, &seconds, &found) != 0)
            rc = 1;
    if (!o.jsonl && seconds > 0)
        printf("%.1f MiB in %.3f s: %.1f MiB/s, %zu indicators\n",
               bytes / (1 << 20), seconds, bytes / (1 << 20) / seconds, found / (size_t)o.repeat);
    es_extractor_free(ex);
    return rc;
}
