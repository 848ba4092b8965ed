/* What kind of figure a quantity is (actual, target, change, rank), the
 * field of a rank, the year its sentence names, and which parts of a
 * document are about goals. */
#ifndef EDUSHELL_EXTRACT_CLASSIFY_H
#define EDUSHELL_EXTRACT_CLASSIFY_H

#include "edushell/extract/extract.h"
#include "quantity.h"
#include "vocab.h"

typedef enum zone {
    ZONE_NONE, ZONE_ACTUAL, ZONE_TARGET,
    ZONE_MIXED   /* results and goals: the sentence's own cues decide */
} zone;

/* The part of a document a paragraph lies in, from the headings before
 * it: a part headed 下半年工作计划 is about goals, one headed “十五五”时期
 * 主要目标任务 about 2030. */
typedef struct part {
    zone zone;
    int year;      /* the year its heading names, 0 when none */
    /* A paragraph about a period (过去五年, “十四五”时期): its first and
     * last year; 0 for a paragraph about a year. */
    int span_first, span_last;
} part;

/* One part per paragraph of in->st, owned by the caller. */
part *classify_parts(const vocab *v, const es_extract_input *in);

typedef struct sentence_ctx {
    const char *text;          /* the view */
    size_t start, end;         /* the sentence in the view */
    const char *doc_kind;
    int doc_year;
    zone zone;
    int column;      /* the zone is a table column's, not a heading's */
    unsigned cues;   /* the roles (1u << role) with a word in the sentence */
} sentence_ctx;

/* The sentence-level roles whose presence sentence_ctx.cues records. */
#define SENTENCE_CUES ((1u << ROLE_TARGET) | (1u << ROLE_TARGET_WEAK) | (1u << ROLE_COMPARE) | \
                       (1u << ROLE_RESPECTIVE) | (1u << ROLE_PERIOD) | (1u << ROLE_RESULT) | \
                       (1u << ROLE_DIFFERENCE))
/* The mask holds one bit per role: sentence cue roles must come first. */
_Static_assert(ROLE_TARGET < 32 && ROLE_TARGET_WEAK < 32 && ROLE_COMPARE < 32 && ROLE_RESPECTIVE < 32 &&
                   ROLE_PERIOD < 32 && ROLE_RESULT < 32 && ROLE_DIFFERENCE < 32,
               "sentence cue roles must fit in an unsigned mask");

#define CUE_UNKNOWN ((size_t)-2)
#define CUE_NONE ((size_t)-1)

/* Whether an ordinal is a rank (位列全省第二): 0 when not, RANK_SCOPED when
 * a scope word names its field, RANK_UNSCOPED when the field is only
 * guessed (江苏省同类高校第一名) or unsaid. Fills scope. */
#define RANK_SCOPED 1
#define RANK_UNSCOPED 2
int classify_rank(const vocab *v, const sentence_ctx *s, size_t clause_start,
                  const quantity *q, char *scope, size_t scope_size);

/* Kind of a non-rank quantity whose sentence names `year` before it (0
 * for none); negates q's value for a decrease. */
es_ind_kind classify_kind(const vocab *v, sentence_ctx *s, size_t clause_start, int year, quantity *q);

#endif
