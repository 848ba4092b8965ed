/* A document: one source with everything the pipeline derives from it
 * (metadata, normalized view, structure, indicators, content hash). */
#ifndef EDUSHELL_DOCUMENT_H
#define EDUSHELL_DOCUMENT_H

#include "edushell/common.h"
#include "edushell/extract.h"
#include "edushell/gazetteer.h"
#include "edushell/metadata.h"
#include "edushell/normalize.h"
#include "edushell/segment.h"
#include "edushell/source.h"

/* What the pipeline loads once and shares across documents. */
typedef struct es_pipeline {
    es_gazetteer *gazetteer;
    es_extractor *extractor;
} es_pipeline;

int es_pipeline_open(es_pipeline *p, const char *data_dir, es_err *err);
void es_pipeline_close(es_pipeline *p);

typedef struct es_document {
    const es_source *src;   /* borrowed: the caller keeps the source alive */
    char sha256[65];        /* of the raw UTF-8 text */
    es_meta meta;
    es_view view;
    es_structure structure;
    es_indicator_list indicators;
} es_document;

void es_document_build(const es_pipeline *p, const es_source *src, es_document *doc);
void es_document_free(es_document *doc);

#endif
