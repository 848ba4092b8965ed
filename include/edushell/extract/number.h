/* Quantities as written: Arabic numerals (with decimals, thousands
 * separators, full-width digits), Chinese numerals (两, 十二, 三百), scale
 * words (万, 亿, mixed 1.4亿 and 3.2万), percentages, ranges, fractions. */
#ifndef EDUSHELL_EXTRACT_NUMBER_H
#define EDUSHELL_EXTRACT_NUMBER_H

#include <stddef.h>

typedef struct es_number {
    double value;
    double value_hi;   /* for a range 2-3: 3; equal to value otherwise */
    int is_range;
    size_t len;        /* bytes consumed from the input */
} es_number;

/* Parses the number at s[0..len). Returns 1 and fills out when s starts
 * with a number, else 0. Scale words right after the digits are consumed
 * (1.4亿 → 140000000); units are not. */
int es_number_parse(const char *s, size_t len, es_number *out);

#endif
