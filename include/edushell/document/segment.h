/* Structure of a document: headings, paragraphs and sentences. They are
 * found on the text's normalized view, as spans of the view; once the
 * figures are read, es_structure_to_raw turns them into byte spans of the
 * raw text, which is what is stored. */
#ifndef EDUSHELL_DOCUMENT_SEGMENT_H
#define EDUSHELL_DOCUMENT_SEGMENT_H

#include <stddef.h>

#include "edushell/source/table.h"
#include "edushell/text/normalize.h"

typedef struct es_span {
    size_t start, end;
} es_span;

/* A numbered heading: 一、 (level 1), （一） (2), 1． / 1. (3), 一是 (4). */
typedef struct es_section {
    size_t start, end;      /* the heading line */
    size_t marker_end;      /* end of the numbering marker ("一、") */
    int level;
    long parent;            /* index of the enclosing section, -1 at top */
} es_section;

typedef struct es_sentence {
    size_t start, end;      /* without leading blanks; includes the final 。！？； */
    long section;           /* innermost section it lies in, -1 if none */
    size_t paragraph;       /* index into paragraphs */
} es_sentence;

typedef struct es_structure {
    es_section *sections;   size_t nsections;
    es_span *paragraphs;    size_t nparagraphs;
    es_sentence *sentences; size_t nsentences;
    es_table_list tables;   /* tables flattened into the text (text_tables.c) */
} es_structure;

/* Segments a normalized view's text (ASCII punctuation and digits), and
 * finds the tables flattened into it. */
void es_segment(const char *text, size_t len, es_structure *out);

/* Appends to st->tables the tables flattened into the text: rows of cells
 * between bars, one cell a line ending in a bar, one cell a paragraph.
 * Needs st's paragraphs. */
void es_find_tables(const char *text, size_t len, es_structure *st);
void es_structure_free(es_structure *st);

/* Turns every span from view offsets into raw ones, once. */
void es_structure_to_raw(es_structure *st, const es_view *view);

/* Index of the sentence containing offset `at`, or -1. */
long es_structure_sentence_at(const es_structure *st, size_t at);

#endif
