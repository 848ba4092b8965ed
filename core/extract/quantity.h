/* A quantity as written in the normalized view: the number, its scale,
 * comparator words around it and its unit or counter. */
#ifndef EDUSHELL_EXTRACT_QUANTITY_H
#define EDUSHELL_EXTRACT_QUANTITY_H

#include <stddef.h>
#include <stdint.h>
#include "vocab.h"

typedef struct quantity {
    size_t pre_start;      /* start of a comparator written before (不少于), else span_start */
    size_t span_start;     /* the quantity as quoted: 近7万名, 第二 */
    size_t span_end;
    size_t end;            /* after a trailing comparator (以上, 左右) */
    double value, value_hi;
    int has_hi;
    int chinese;           /* written in Chinese numerals */
    int ordinal;           /* written after 第: a place in an order */
    int ranked_by_word;    /* the ordinal ends in a rank word (第2名, 前十强) */
    int top;               /* the ordinal closes a leading group (前十) */
    char cmp[3];
    char unit[32];
} quantity;

/* Reads the quantity whose number starts at text[at], within the clause
 * text[start, end). Returns 1 when it is a quantity (or an ordinal that
 * may be a rank), 0 when not. *next is where scanning continues. */
int quantity_read(const vocab *v, const char *text, size_t start, size_t end,
                  size_t at, quantity *q, size_t *next);

/* Reads a table cell text[start, end) that holds one figure and nothing
 * else: a number, with a unit or none (a cell's bare number counts), and
 * comparators (99%以上, 约12.3年, 14.93:1). Returns 0 when the cell holds
 * anything else, or only a year (2020年, a heading). */
int quantity_read_cell(const vocab *v, const char *text, size_t start, size_t end, quantity *q);

/* Whether the number at text[at] is written as a place: PLACE_ORDINAL
 * after 第 (第二), PLACE_TOP after 前 of a leading group (全国前十).
 * Sets *len to the marker's length and *cmp to the place's comparator. */
#define PLACE_NONE 0
#define PLACE_ORDINAL 1
#define PLACE_TOP 2
int quantity_place_marker(const vocab *v, const char *text, size_t start, size_t at,
                          size_t *len, const char **cmp);

#endif
