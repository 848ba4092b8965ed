/* Canonical metrics: one id per measure, so the same indicator lines up
 * across documents, regions and years. The table comes from data/metrics.tsv
 * and from definitions analysts add; an extracted metric phrase gets the id
 * of the longest alias it ends with (after normalization) whose unit fits. */
#ifndef EDUSHELL_EXTRACT_METRIC_TABLE_H
#define EDUSHELL_EXTRACT_METRIC_TABLE_H

#include <stddef.h>

#include "edushell/base/common.h"

typedef struct es_metric_def {
    char *id, *name, *category, *unit, *direction; /* direction: higher | lower */
    char **aliases;                                /* the name is always one of them */
    size_t naliases;
} es_metric_def;

/* The aliases by their last character, for matching (metric_table.c). */
typedef struct es_alias_index es_alias_index;

typedef struct es_metric_table {
    es_metric_def *items;
    size_t n, cap;
    es_alias_index *index;   /* owned, kept up to date by es_metrics_put */
} es_metric_table;

/* Reads data/metrics.tsv: id, name, aliases (separated by |), category,
 * unit, direction; '#' lines and a header line are skipped. */
int es_metrics_load_tsv(es_metric_table *t, const char *path, es_err *err);

/* Adds a definition (copied); one with the same id is replaced. */
void es_metrics_put(es_metric_table *t, const char *id, const char *name, const char *const *aliases,
                    size_t naliases, const char *category, const char *unit, const char *direction);

/* The id for an extracted metric phrase and unit, or NULL when none fits. */
const char *es_metrics_match(const es_metric_table *t, const char *metric, const char *unit);

/* The phrase with spaces, quotes, brackets and punctuation removed (owned). */
char *es_metric_normalize(const char *s);

void es_metrics_free(es_metric_table *t);

#endif
