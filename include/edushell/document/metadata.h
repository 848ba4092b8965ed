/* Document metadata inferred from the text: region, year, kind, title,
 * issuing body and issue date. */
#ifndef EDUSHELL_DOCUMENT_METADATA_H
#define EDUSHELL_DOCUMENT_METADATA_H

#include "edushell/document/gazetteer.h"
#include "edushell/source/source.h"
#include "edushell/text/normalize.h"

/* Kinds as stored. */
#define ES_KIND_SUMMARY   "summary"    /* 年度工作总结 */
#define ES_KIND_PLAN      "plan"       /* 工作要点, 工作计划, 规划 with targets */
#define ES_KIND_PROGRESS  "progress"   /* 完成情况, 进展, news of a year's results */
#define ES_KIND_MIDYEAR   "midyear"    /* 上半年总结 */
#define ES_KIND_STATS     "stats"      /* 统计公报, statistics tables, yearbook entries */
#define ES_KIND_GOVREPORT "gov-report" /* 政府工作报告 */
#define ES_KIND_REPORT    "report"     /* duty, evaluation and inspection reports: 自评报告, 述职 */
#define ES_KIND_OTHER     "other"

typedef struct es_meta {
    char *title;        /* NULL when none found; all strings owned */
    char *region;       /* full name from the gazetteer: 无锡市 */
    char *region_level; /* province | prefecture | county */
    char *province;     /* the region's province: 江苏省 */
    char *kind;         /* one of ES_KIND_*, NULL when unknown */
    char *issuer;       /* 无锡市教育局 */
    char *issued;       /* ISO date 2022-03-10 */
    int year;           /* the year the document is about; 0 when unknown */
} es_meta;

/* Infers metadata from the normalized view of the source's text, using CSV
 * columns (province, year, title, publish_date) as hints where present.
 * Title and issuer are copied as the raw text writes them. Never fails:
 * what cannot be found stays NULL/0. */
void es_meta_infer(const es_gazetteer *gz, const es_source *src, const es_view *view, es_meta *out);
void es_meta_free(es_meta *m);

#endif
