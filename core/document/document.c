/* Runs the stages from decoded text to indicators for one source. */
#include "edushell/document.h"

#include <stdio.h>
#include <string.h>

#include "edushell/sha256.h"

int es_pipeline_open(es_pipeline *p, const char *data_dir, es_err *err)
{
    memset(p, 0, sizeof *p);
    char path[4096];
    snprintf(path, sizeof path, "%s/regions.tsv", data_dir);
    es_err why = {{0}};
    p->gazetteer = es_gazetteer_load(path, &why);
    if (!p->gazetteer)
        return es_err_set(err, "%s: %s", path, why.msg);
    p->extractor = es_extractor_new(data_dir, &why);
    if (!p->extractor) {
        es_pipeline_close(p);
        return es_err_set(err, "%s: %s", data_dir, why.msg);
    }
    return 0;
}

void es_pipeline_close(es_pipeline *p)
{
    es_gazetteer_free(p->gazetteer);
    es_extractor_free(p->extractor);
    memset(p, 0, sizeof *p);
}

void es_document_build(const es_pipeline *p, const es_source *src, es_document *doc)
{
    memset(doc, 0, sizeof *doc);
    doc->src = src;
    es_sha256_hex(src->text, src->len, doc->sha256);
    es_meta_infer(p->gazetteer, src, &doc->meta);
    es_view_build(src->text, src->len, &doc->view);
    es_segment(src->text, src->len, &doc->structure);
    es_extract_input in = {
        .text = src->text, .len = src->len, .view = &doc->view, .st = &doc->structure,
        .doc_kind = doc->meta.kind, .doc_year = doc->meta.year,
    };
    es_extract(p->extractor, &in, &doc->indicators);
}

void es_document_free(es_document *doc)
{
    es_meta_free(&doc->meta);
    es_view_free(&doc->view);
    es_structure_free(&doc->structure);
    es_indicator_list_free(&doc->indicators);
    memset(doc, 0, sizeof *doc);
}
