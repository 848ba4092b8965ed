/* Runs the stages from decoded text to indicators for one source. */
#include "edushell/load/pipeline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/base/sha256.h"

int es_pipeline_open(es_pipeline *p, const char *data_dir, es_err *err)
{
    memset(p, 0, sizeof *p);
    char path[PATH_MAX];
    es_err why = {{0}};
    snprintf(path, sizeof path, "%s/regions.tsv", data_dir);
    p->gazetteer = es_gazetteer_load(path, &why);
    if (!p->gazetteer)
        return es_err_set(err, "%s: %s", path, why.msg);
    p->extractor = es_extractor_new(data_dir, &why);
    if (!p->extractor) {
        es_pipeline_close(p);
        return es_err_set(err, "%s: %s", data_dir, why.msg);
    }
    snprintf(path, sizeof path, "%s/metrics.tsv", data_dir);
    if (es_metrics_load_tsv(&p->file_metrics, path, &why) != 0) {
        es_pipeline_close(p);
        return es_err_set(err, "%s: %s", path, why.msg);
    }
    p->metrics = &p->file_metrics;
    p->reading.max_size = ES_SOURCE_MAX_SIZE;
    return 0;
}

void es_pipeline_close(es_pipeline *p)
{
    es_gazetteer_free(p->gazetteer);
    es_extractor_free(p->extractor);
    es_metrics_free(&p->file_metrics);
    memset(p, 0, sizeof *p);
}

void es_pipeline_use_metrics(es_pipeline *p, const es_metric_table *table)
{
    p->metrics = table ? table : &p->file_metrics;
}

/* The absolute path of the file, and for a CSV row its "#row": a document
 * keeps its key when loaded again from another working directory. */
static char *document_key(const es_source *src)
{
    char resolved[PATH_MAX];
    const char *base = realpath(src->path, resolved) ? resolved : src->path;
    const char *row = src->format == ES_FORMAT_CSV ? strrchr(src->name, '#') : NULL;
    es_buf key = {0};
    es_buf_puts(&key, base);
    if (row)
        es_buf_puts(&key, row);
    return es_buf_take(&key, NULL);
}

void es_document_begin(es_document *doc, const es_source *src)
{
    memset(doc, 0, sizeof *doc);
    doc->src = src;
    double t0 = es_seconds();
    doc->key = document_key(src);
    es_sha256_hex(src->text, src->len, doc->sha256);
    doc->seconds[ES_STAGE_HASH] = es_seconds() - t0;
}

static void link_metrics(const es_metric_table *table, es_indicator_list *list)
{
    for (size_t k = 0; k < list->n; k++) {
        es_indicator *ind = &list->items[k];
        const char *id = es_metrics_match(table, ind->metric, ind->unit);
        free(ind->metric_id);
        ind->metric_id = id ? es_xstrdup(id) : NULL;
    }
}

void es_document_analyse(const es_pipeline *p, es_document *doc)
{
    const es_source *src = doc->src;
    double t0 = es_seconds();
    es_text_in in = { .text = src->text, .len = src->len, .src = src, .gazetteer = p->gazetteer };
    es_extract_text(p->extractor, &in, &doc->view, &doc->structure, &doc->meta, &doc->indicators);
    double t1 = es_seconds();
    link_metrics(p->metrics, &doc->indicators);
    doc->seconds[ES_STAGE_ANALYSE] = t1 - t0;
    doc->seconds[ES_STAGE_LINK] = es_seconds() - t1;
}

void es_document_build(const es_pipeline *p, const es_source *src, es_document *doc)
{
    es_document_begin(doc, src);
    es_document_analyse(p, doc);
}

void es_document_free(es_document *doc)
{
    free(doc->key);
    es_meta_free(&doc->meta);
    es_view_free(&doc->view);
    es_structure_free(&doc->structure);
    es_indicator_list_free(&doc->indicators);
    memset(doc, 0, sizeof *doc);
}
