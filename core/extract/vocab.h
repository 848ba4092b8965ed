/* The extractor's vocabulary: words of the tables in data/extract/, by
 * role, with longest-match lookups forward and backward in a text. */
#ifndef EDUSHELL_EXTRACT_VOCAB_H
#define EDUSHELL_EXTRACT_VOCAB_H

#include <stddef.h>
#include "edushell/base/common.h"

typedef enum vocab_role {
    ROLE_UNIT,   /* every unit word, whatever its class: one lookup finds the longest */
    ROLE_TAIL,   /* every word a metric phrase may end in but leaves out (see metric.c) */
    ROLE_UNIT_ANY, ROLE_UNIT_ARABIC, ROLE_UNIT_MEASURE, ROLE_UNIT_REJECT, ROLE_UNIT_AGE, ROLE_UNIT_TIMES,
    ROLE_CMP_SPAN, ROLE_CMP_PRE, ROLE_CMP_MID, ROLE_CMP_POST,
    ROLE_TARGET, ROLE_TARGET_WEAK, ROLE_CHANGE, ROLE_LINK, ROLE_FILLER,
    ROLE_RANK_VERB, ROLE_SCOPE, ROLE_STOP, ROLE_ZONE_TARGET, ROLE_ZONE_ACTUAL,
    ROLE_LEAD, ROLE_COMPARE, ROLE_TARGET_NOT, ROLE_QUALIFIER, ROLE_RESPECTIVE, ROLE_BREAKDOWN, ROLE_LABEL_AFTER, ROLE_PERIOD,
    ROLE_RESULT, ROLE_DIFFERENCE,
    ROLE_PER_YEAR, ROLE_RANK_UNIT, ROLE_TOP, ROLE_DURATION, ROLE_TITLE, ROLE_SPEC_BEFORE, ROLE_PROJECT, ROLE_ACT,
    ROLE_HEAD, ROLE_CONJ_WORD, ROLE_AWARD, ROLE_AWARD_VERB, ROLE_EVENT, ROLE_EVENT_OPEN, ROLE_RANK_NOUN, ROLE_ZONE_WORK, ROLE_BASE, ROLE_SPAN_OPEN, ROLE_YEAR_OPEN, ROLE_CUMULATIVE, ROLE_SUBREGION, ROLE_PLAN_VERB,
    ROLE_YEARS_MEASURE, ROLE_INTENT,
    /* data/extract/tables.tsv: words of a table's headings */
    ROLE_COLUMN_TARGET, ROLE_COLUMN_ACTUAL, ROLE_COLUMN_CHANGE, ROLE_COLUMN_UNIT, ROLE_COLUMN_LABEL,
    /* data/extract/subjects.tsv: what a measure is of */
    ROLE_LEVEL, ROLE_SUBJECT_HEAD, ROLE_MEASURE,
    ROLE_INSTITUTIONS, ROLE_OBJECT_HEAD, ROLE_OBJECT_OPEN, ROLE_OBJECT_END, ROLE_STATUS, ROLE_OBJECT_MEASURE,
    ROLE_TOTAL_ROW, ROLE_CAPTION_TAIL, ROLE_BENEFIT,
    ROLE_COUNT
} vocab_role;

typedef struct vocab_word {
    char *text;
    size_t len;
    char *arg;      /* the table's third column, "" when absent */
    vocab_role role;   /* the role the table gave it */
} vocab_word;

/* Words are found through buckets keyed by their first (and by their
 * last) character, so a lookup compares only the few words that can match. */
#define VOCAB_BUCKETS 256
/* A bit filter over a hash of a character: when a character's bit is
 * clear, no word starts (or ends) with it. */
#define VOCAB_HINT_BITS 12

typedef struct vocab_list {
    vocab_word *words;   /* longest first */
    size_t n;
    size_t *by_first;    /* indices into words, grouped by bucket of the first character */
    size_t first_start[VOCAB_BUCKETS + 1];
    size_t *by_last;     /* the same, by bucket of the last character */
    size_t last_start[VOCAB_BUCKETS + 1];
    unsigned char first_hint[(1 << VOCAB_HINT_BITS) / 8];
    unsigned char last_hint[(1 << VOCAB_HINT_BITS) / 8];
} vocab_list;

typedef struct vocab {
    vocab_list roles[ROLE_COUNT];
} vocab;

int vocab_load(vocab *v, const char *data_dir, es_err *err);
void vocab_free(vocab *v);

/* The filter key of the character at text[at], for several quick
 * vocab_may_start tests; VOCAB_NO_KEY when no character fits there. */
#define VOCAB_NO_KEY ((unsigned)-1)
unsigned vocab_key(const char *text, size_t at, size_t end);
/* False when no word of `role` starts with the character of `key`. */
int vocab_may_start(const vocab *v, vocab_role role, unsigned key);

/* Longest word of `role` starting at text[at] (not past end), or NULL. */
const vocab_word *vocab_match_at(const vocab *v, vocab_role role,
                                 const char *text, size_t at, size_t end);
/* Longest word of `role` ending exactly at text[at] (not before start). */
const vocab_word *vocab_match_before(const vocab *v, vocab_role role,
                                     const char *text, size_t start, size_t at);
/* First occurrence of any word of `role` in text[start, end): its offset,
 * or (size_t)-1. */
size_t vocab_find(const vocab *v, vocab_role role, const char *text,
                  size_t start, size_t end, const vocab_word **found);
/* Last occurrence of a word of `role` in text[start, end), read left to
 * right without overlaps: its offset, or (size_t)-1. */
size_t vocab_find_last(const vocab *v, vocab_role role, const char *text,
                       size_t start, size_t end, const vocab_word **found);

#endif
