/* Indicator extraction: every quantity of a document with its metric,
 * value, unit, kind, comparator, scope, year and raw byte span. */
#ifndef EDUSHELL_EXTRACT_EXTRACT_H
#define EDUSHELL_EXTRACT_EXTRACT_H

#include <stddef.h>
#include "edushell/base/common.h"
#include "edushell/text/normalize.h"
#include "edushell/document/gazetteer.h"
#include "edushell/document/metadata.h"
#include "edushell/document/segment.h"
#include "edushell/source/source.h"

typedef enum es_ind_kind {
    ES_IND_ACTUAL, ES_IND_TARGET, ES_IND_CHANGE, ES_IND_RANK
} es_ind_kind;

/* What span of time a figure measures. */
typedef enum es_basis {
    ES_BASIS_ANNUAL,     /* one year's figure, or the level at its end */
    ES_BASIS_AVERAGE,    /* a yearly average over the period (年均增长) */
    ES_BASIS_CUMULATIVE  /* a total or change over the whole period (累计, 五年来) */
} es_basis;

typedef struct es_indicator {
    size_t start, end;   /* raw byte span of the quantity ("92.81%", "近7万名", "第二") */
    size_t sentence;     /* index into the structure's sentences */
    double value;
    double value_hi;     /* range upper bound; equals value otherwise */
    int has_hi;
    es_ind_kind kind;
    char cmp[3];         /* "=", ">=", ">", "<=", "<", "~" */
    char unit[32];       /* "%", "个百分点", "所", "位" for ranks, "" for none */
    char scope[16];      /* ranks: "全省", "全国", "全市"; else "" */
    char *metric;        /* owned; never NULL (may be "") */
    int year;            /* the year the sentence names for it; 0 = the document's */
    char *metric_id;     /* owned; the canonical metric it links to, NULL for none */
    /* The period the figure covers, first and last year (2021 and 2025 for
     * 五年来; both the year for an annual figure); 0 when only the year is known. */
    int period_start, period_end;
    es_basis basis;
    char *subject;       /* owned: the part of the region it is about (武汉都市圈), NULL for the whole */
    /* Where a figure read from a table stands: the table (1 for the
     * document's first: the source's tables, then those found in the
     * text; 0 for running text), its row and column from 0, and the
     * workbook sheet's name (owned, NULL for none). */
    int table;
    unsigned row, col;
    char *sheet;
    int page;            /* the page it is on, from 1, in a paged source; 0 otherwise */
} es_indicator;

typedef struct es_indicator_list {
    es_indicator *items;
    size_t n, cap;
} es_indicator_list;

/* Vocabulary (units, counters, comparators, cue words) loaded once from
 * the data directory. */
typedef struct es_extractor es_extractor;

es_extractor *es_extractor_new(const char *data_dir, es_err *err);
void es_extractor_free(es_extractor *ex);

/* Everything the extractor reads of a document. `doc_kind` is one of the
 * ES_KIND_* strings of metadata.h or NULL. */
typedef struct es_extract_input {
    const es_view *view;            /* the normalized view of the text */
    const es_structure *st;         /* its structure, in view offsets */
    const char *doc_kind;
    int doc_year;
    const es_table *tables;         /* its tables, cells in view offsets: read cell by cell, */
    size_t ntables;                 /*   and the sentences inside them only there */
} es_extract_input;

/* Appends the indicators found, in text order, with raw spans. */
void es_extract(const es_extractor *ex, const es_extract_input *in, es_indicator_list *out);

/* A text and what is known of it before it is read. */
typedef struct es_text_in {
    const char *text; size_t len;   /* raw UTF-8 */
    const es_source *src;           /* the source it is (metadata hints, tables, pages); NULL for a bare text */
    const es_gazetteer *gazetteer;  /* finds the region; NULL: no region */
    const char *doc_kind;           /* ES_KIND_*: when set, the kind whatever the text says */
    int doc_year;                   /* when not 0, the year whatever the text says */
} es_text_in;

/* The whole path for one text, in one direction: its normalized view; the
 * structure and, when `meta` is not NULL, the metadata found on the view;
 * the indicators (appended to out), whose kind and year fall back on the
 * document's, the source's tables read cell by cell; and last the
 * structure's spans mapped to raw offsets. Title and issuer are the raw
 * text's. The caller frees view, st, meta and out. */
void es_extract_text(const es_extractor *ex, const es_text_in *in, es_view *view, es_structure *st,
                     es_meta *meta, es_indicator_list *out);

const char *es_ind_kind_name(es_ind_kind k);  /* "actual", "target", "change", "rank" */
const char *es_basis_name(es_basis b);        /* "annual", "average", "cumulative" */
void es_indicator_list_free(es_indicator_list *list);

#endif
