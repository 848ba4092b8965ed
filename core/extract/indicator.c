/* Indicators and their lists. */
#include "extractor.h"

#include <stdlib.h>
#include <string.h>

const char *es_ind_kind_name(es_ind_kind k)
{
    switch (k) {
    case ES_IND_ACTUAL: return "actual";
    case ES_IND_TARGET: return "target";
    case ES_IND_CHANGE: return "change";
    case ES_IND_RANK: return "rank";
    }
    return "actual";
}

const char *es_basis_name(es_basis b)
{
    switch (b) {
    case ES_BASIS_AVERAGE: return "average";
    case ES_BASIS_CUMULATIVE: return "cumulative";
    case ES_BASIS_ANNUAL: break;
    }
    return "annual";
}

void es_indicator_list_free(es_indicator_list *list)
{
    if (!list)
        return;
    for (size_t k = 0; k < list->n; k++) {
        free(list->items[k].metric);
        free(list->items[k].metric_id);
        free(list->items[k].subject);
        free(list->items[k].sheet);
    }
    free(list->items);
    memset(list, 0, sizeof *list);
}

es_indicator *indicator_push(es_indicator_list *list)
{
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 32;
        list->items = es_xrealloc(list->items, list->cap * sizeof *list->items);
    }
    es_indicator *ind = &list->items[list->n++];
    memset(ind, 0, sizeof *ind);
    return ind;
}

