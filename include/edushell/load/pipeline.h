/* The pipeline from a source to a document: everything derived from one
 * source's text (identity, metadata, normalized view, structure,
 * indicators with their canonical metrics), built in one direction. */
#ifndef EDUSHELL_LOAD_PIPELINE_H
#define EDUSHELL_LOAD_PIPELINE_H

#include "edushell/base/common.h"
#include "edushell/document/gazetteer.h"
#include "edushell/document/metadata.h"
#include "edushell/document/segment.h"
#include "edushell/extract/extract.h"
#include "edushell/extract/metric_table.h"
#include "edushell/source/source.h"
#include "edushell/text/normalize.h"

/* What the pipeline loads once and shares across documents. */
typedef struct es_pipeline {
    es_gazetteer *gazetteer;
    es_extractor *extractor;
    es_metric_table file_metrics;     /* data/metrics.tsv */
    const es_metric_table *metrics;   /* the table indicators are linked with:
                                         file_metrics, or one the caller keeps
                                         (the database's, with analysts' additions) */
    es_source_options reading;        /* how files are read: legacy formats
                                         converted or not (off after open) */
} es_pipeline;

/* Loads the gazetteer, the extractor's vocabulary and the metric table
 * from the data directory. */
int es_pipeline_open(es_pipeline *p, const char *data_dir, es_err *err);
void es_pipeline_close(es_pipeline *p);

/* Links indicators with `table` from now on (NULL: the file's again); the
 * caller keeps it alive and unchanged while documents are built. */
void es_pipeline_use_metrics(es_pipeline *p, const es_metric_table *table);

/* Where a load spends its time: the stages of building a document (on
 * the worker threads), then storing it (on the writer). */
typedef enum es_stage {
    ES_STAGE_READ,      /* reading and decoding files into sources */
    ES_STAGE_HASH,      /* key and content hash */
    ES_STAGE_ANALYSE,   /* normalized view, structure, metadata, indicators */
    ES_STAGE_LINK,      /* canonical metrics */
    ES_STAGE_STORE,     /* the sink's put */
    ES_STAGE_COMMIT,    /* the sink's flush */
    ES_NSTAGES
} es_stage;

typedef struct es_document {
    const es_source *src;   /* borrowed: the caller keeps the source alive */
    char *key;              /* what it is stored under: absolute path, "#row" for CSV rows */
    char sha256[65];        /* of the raw UTF-8 text */
    es_meta meta;
    es_view view;
    es_structure structure;
    es_indicator_list indicators;
    double seconds[ES_NSTAGES]; /* time spent on it in each stage of building */
} es_document;

/* Starts a document: its key and content hash only, enough to tell
 * whether it is stored already. */
void es_document_begin(es_document *doc, const es_source *src);

/* Derives the rest: metadata, view, structure, indicators and their
 * canonical metric ids. */
void es_document_analyse(const es_pipeline *p, es_document *doc);

/* Both: a whole document from a source. */
void es_document_build(const es_pipeline *p, const es_source *src, es_document *doc);

void es_document_free(es_document *doc);

#endif
