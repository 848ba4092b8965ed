/* Figures as Chinese readers write them: 3723.35亿元, 10.3万亿元, 1,234所,
 * 92.81%, 1.5个百分点, 1–2所, 30所以上, 不超过3%, 第二. The one formatter
 * behind the REPL's tables, exports' display columns, reports and charts;
 * stored values are never changed, only shown. */
#ifndef EDUSHELL_PRESENT_FIGURE_H
#define EDUSHELL_PRESENT_FIGURE_H

#include "edushell/base/common.h"

typedef struct es_figure {
    double value;
    int has_hi;          /* a range: value–hi */
    double hi;
    const char *unit;    /* 元, 所, %, 个百分点 ...; NULL or "" for none */
    const char *cmp;     /* "=", ">=", ">", "<=", "<", "~"; NULL for "=" */
    const char *kind;    /* "rank" shows 第二 / 前三; anything else (NULL) a quantity */
    int bare;            /* the number and its magnitude only (3723.35亿): for a
                            table's value column beside its unit column */
} es_figure;

/* Appends the figure with its unit, its comparator in words and, for
 * large quantities, 万, 亿 or 万亿. */
void es_figure_put(es_buf *b, const es_figure *f);

/* The magnitude to show numbers of this unit in, given the largest
 * absolute value among them: its divisor goes to *divisor and its name
 * ("万", "亿", "万亿", or "" for none) is returned. Units that are rates
 * or already carry a magnitude (%, 个百分点, 倍, 万吨 ...) never scale. */
const char *es_figure_scale(double max_abs, const char *unit, double *divisor);

/* A plain number: at most six significant digits (four decimals), no
 * trailing zeros, thousands separators in the whole part (1,234.5). */
void es_number_put(es_buf *b, double v);

/* Chinese numerals for 0 < n < 100 (二, 十二, 四十五); others in digits. */
void es_cn_numeral_put(es_buf *b, long n);

#endif
