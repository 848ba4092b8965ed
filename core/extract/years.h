/* Years a text names: 2021年, and the five-year periods (“十四五”, which
 * ends in 2025) from the period words of data/extract/cues.tsv. A year
 * followed by a month (2022年3月10日) is a date and names no year. */
#ifndef EDUSHELL_EXTRACT_YEARS_H
#define EDUSHELL_EXTRACT_YEARS_H

#include <stddef.h>
#include "vocab.h"

/* Returned for a word naming the document's own year (今年). */
#define YEAR_OF_DOCUMENT (-1)

/* Years of a five-year period (十五五: 2026-2030). */
#define PERIOD_YEARS 5

/* The last year of the five-year period `year` falls in, from the period
 * words (2026 -> 2030); `year` itself when none covers it. */
int years_period_end(const vocab *v, int year);

/* The last year named in text[start, end), 0 when none. */
int years_named_last(const vocab *v, const char *text, size_t start, size_t end);

/* The last year a sentence names before a point, followed through the
 * sentence as its quantities come in order. */
typedef struct year_tracker {
    size_t start;       /* the sentence's start */
    size_t scanned;     /* the text before this has been read */
    int year;           /* 0 while none */
    int no_periods;     /* the sentence has no period word: skip looking */
} year_tracker;

/* The last year named before `at` (at or after the last call's `at`). */
int years_before(const vocab *v, year_tracker *t, const char *text, size_t at);

#endif
