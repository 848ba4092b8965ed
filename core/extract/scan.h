/* Reading the figures of one stretch of text: a sentence, or the part of
 * a sentence that lies in a table's cell. */
#ifndef EDUSHELL_SCAN_H
#define EDUSHELL_SCAN_H

#include "classify.h"
#include "extractor.h"

/* The subject a paragraph or list speaks of (幼儿园, 普通高中, 基础教育):
 * a bare measure later in it (招生2220人) is of that subject. Set by a
 * heading that names a school level, and by a figure whose metric opens
 * with one; kept from sentence to sentence within a paragraph. */
#define TOPIC_BYTES 64
typedef struct scan_topic {
    char text[TOPIC_BYTES];   /* "" for none */
    size_t from;              /* where the paragraph starts: objects it names are looked for after it */
} scan_topic;

typedef struct scan_span {
    size_t sentence;      /* index of the sentence in the structure */
    size_t start, end;    /* the stretch, in view offsets */
    size_t clause_floor;  /* no clause reaches back before it (past a heading's marker) */
    zone zone;            /* of the part, or of a table's column */
    int column;           /* the zone is a table column's */
    int part_year;        /* the year the part's heading names, 0 for none */
    int span_first, span_last;   /* the period the paragraph is about, 0 for a year */
    scan_topic *topic;    /* the paragraph's subject, read and updated; NULL for none */
} scan_span;

/* Appends the figures of the stretch, in text order. */
void scan_stretch(const es_extractor *ex, const es_extract_input *in, const scan_span *sp,
                  es_indicator_list *out);

#endif
