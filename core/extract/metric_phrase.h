/* The metric of a quantity: the shortest noun phrase of its clause that
 * names what is measured. */
#ifndef EDUSHELL_EXTRACT_METRIC_H
#define EDUSHELL_EXTRACT_METRIC_H

#include <stddef.h>
#include "quantity.h"
#include "vocab.h"

typedef struct metric_ctx {
    const char *text;        /* the view */
    size_t sentence_start;   /* where the quantity's sentence begins */
    size_t sentence_end;     /* where it ends */
    size_t clause_start;     /* where the quantity's clause begins */
    size_t clause_end;       /* where the text after the quantity ends */
    const char *previous;    /* metric of the sentence's previous quantity, or NULL */
    const char *lead;        /* lead verb shared by the list this quantity continues, or NULL */
    const char *list_prefix; /* words before the list's first quantity (全省教学大赛|9个一等奖和31个二等奖), or NULL */
    int after_previous;      /* the clause starts right where the previous quantity ended */
    const char *base;        /* after 其中: the head of the metric the figure is a part of, or NULL */
    int qualifies_previous;  /* a rank or change: a short rest (数量) qualifies the previous metric */
    int rank;                /* a rank: the metric ends where its scope (全省) begins */
    int field_only;          /* the words before the rank name only its field */
    int same_as_previous;    /* an earlier value or a difference of the previous figure's measure */
    size_t prefix_end;       /* when not 0, where the words before the quantity end (before a reference) */
} metric_ctx;

/* The metric phrase, owned by the caller; never NULL. When prefix_out is
 * not NULL it receives the words before the quantity that entered the
 * metric (owned, NULL when none), for later items of a list. */
char *metric_phrase(const vocab *v, const metric_ctx *m, const quantity *q, char **prefix_out);

/* An award's metric with the event it was won at, when an earlier clause
 * of the sentence names the event and the metric does not (参加全国职业院校
 * 技能大赛，获金牌3块: 全国职业院校技能大赛金牌). Takes `metric` over and
 * returns the metric to use, owned by the caller. */
char *metric_with_event(const vocab *v, const metric_ctx *m, char *metric);

/* The lead verb that opens a metric (集中培训 of 集中培训党支部书记), owned by
 * the caller, or NULL when it opens with none. */
char *metric_lead(const vocab *v, const char *metric);

/* The metric without its lead verbs (建议提案 of 承办建议提案), owned by
 * the caller. */
char *metric_head(const vocab *v, const char *metric);

/* For a clause such as 城镇、农村居民收入分别增长4.5%、6%: the metric of
 * each listed item (城镇居民收入, 农村居民收入), owned by the caller.
 * Returns how many, 0 when the clause has no 分别 list before the quantity. */
size_t metric_respective(const vocab *v, const metric_ctx *m, const quantity *q, char ***items);

/* Whether the quantity's clause opens with 分别 and names nothing before
 * it (…分别为84%、99%，分别比2012年提高39%、0.3%): the items of the list
 * before go on. */
int respective_of_before(const vocab *v, const metric_ctx *m, const quantity *q);

/* How many figures the quantity's 分别 list gives (分别为84%、99%和47%: 3),
 * 0 when its clause has none. */
size_t respective_figures(const vocab *v, const metric_ctx *m, const quantity *q);

#endif
