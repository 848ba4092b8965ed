/* Comparisons in a clause (see compare.c). */
#ifndef EDUSHELL_COMPARE_H
#define EDUSHELL_COMPARE_H

#include <stddef.h>
#include "vocab.h"

/* The start of the comparison base ending at text[at], with the 的 after
 * it (比上年, 较2015年的, 较“十二五”末), or (size_t)-1 when none ends
 * there. *year gets the year it names: a calendar year, a period's last
 * (末) or the one before its first (初), BASE_PREVIOUS_YEAR for 上年. */
#define BASE_PREVIOUS_YEAR (-1)
size_t compare_base_before(const vocab *v, const char *text, size_t start, size_t at, int *year);

/* Where a difference word (高于, 高出) opens the reference a figure at `at`
 * differs from (高于全国平均水平|5.1个百分点): at most max_chars stand
 * between them. (size_t)-1 when none. */
size_t difference_before(const vocab *v, const char *text, size_t clause, size_t at, size_t max_chars);

#endif
