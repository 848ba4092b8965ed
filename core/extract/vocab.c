/* Loading of the extractor's word tables and lookups in them. */

/* memmem (GNU, and POSIX 2024) finds words in a sentence fastest. */
#define _GNU_SOURCE
#include "vocab.h"

#include "edushell/base/uchar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct role_name {
    const char *name;
    vocab_role role;
} role_name;

static const role_name unit_classes[] = {
    { "any", ROLE_UNIT_ANY }, { "arabic", ROLE_UNIT_ARABIC },
    { "measure", ROLE_UNIT_MEASURE },
    { "reject", ROLE_UNIT_REJECT }, { "age", ROLE_UNIT_AGE },
    { "times", ROLE_UNIT_TIMES },
};

static const role_name cue_roles[] = {
    { "cmp_span", ROLE_CMP_SPAN }, { "cmp_pre", ROLE_CMP_PRE },
    { "cmp_mid", ROLE_CMP_MID }, { "cmp_post", ROLE_CMP_POST },
    { "target", ROLE_TARGET }, { "target_weak", ROLE_TARGET_WEAK },
    { "change", ROLE_CHANGE }, { "link", ROLE_LINK }, { "filler", ROLE_FILLER },
    { "rank_verb", ROLE_RANK_VERB }, { "scope", ROLE_SCOPE }, { "stop", ROLE_STOP },
    { "zone_target", ROLE_ZONE_TARGET }, { "zone_actual", ROLE_ZONE_ACTUAL },
    { "zone_work", ROLE_ZONE_WORK }, { "base", ROLE_BASE },
    { "span_open", ROLE_SPAN_OPEN }, { "year_open", ROLE_YEAR_OPEN }, { "cumulative", ROLE_CUMULATIVE },
    { "subregion", ROLE_SUBREGION }, { "plan_verb", ROLE_PLAN_VERB },
    { "years_measure", ROLE_YEARS_MEASURE }, { "intent", ROLE_INTENT },
    { "lead", ROLE_LEAD }, { "compare", ROLE_COMPARE }, { "target_not", ROLE_TARGET_NOT },
    { "qualifier", ROLE_QUALIFIER }, { "respective", ROLE_RESPECTIVE },
    { "breakdown", ROLE_BREAKDOWN }, { "label_after", ROLE_LABEL_AFTER },
    { "period", ROLE_PERIOD }, { "result", ROLE_RESULT }, { "difference", ROLE_DIFFERENCE }, { "per_year", ROLE_PER_YEAR }, { "rank_unit", ROLE_RANK_UNIT }, { "top", ROLE_TOP },
    { "duration", ROLE_DURATION }, { "title", ROLE_TITLE },
    { "spec_before", ROLE_SPEC_BEFORE }, { "project", ROLE_PROJECT },
    { "act", ROLE_ACT }, { "head", ROLE_HEAD }, { "conj_word", ROLE_CONJ_WORD },
    { "award", ROLE_AWARD }, { "award_verb", ROLE_AWARD_VERB }, { "event", ROLE_EVENT },
    { "event_open", ROLE_EVENT_OPEN }, { "rank_noun", ROLE_RANK_NOUN },
    { "column_target", ROLE_COLUMN_TARGET }, { "column_actual", ROLE_COLUMN_ACTUAL },
    { "column_change", ROLE_COLUMN_CHANGE }, { "column_unit", ROLE_COLUMN_UNIT },
    { "column_label", ROLE_COLUMN_LABEL },
    { "level", ROLE_LEVEL }, { "subject_head", ROLE_SUBJECT_HEAD }, { "measure", ROLE_MEASURE },
    { "institutions", ROLE_INSTITUTIONS },
    { "object_head", ROLE_OBJECT_HEAD }, { "object_open", ROLE_OBJECT_OPEN }, { "object_end", ROLE_OBJECT_END },
    { "status", ROLE_STATUS }, { "object_measure", ROLE_OBJECT_MEASURE },
    { "total_row", ROLE_TOTAL_ROW }, { "caption_tail", ROLE_CAPTION_TAIL }, { "benefit", ROLE_BENEFIT },
};

/* The word tables of data/extract/, with the role names each may use. */
static const struct {
    const char *file;
    const role_name *names;
    size_t nnames;
} tables[] = {
    { "units.tsv", unit_classes, sizeof unit_classes / sizeof *unit_classes },
    { "cues.tsv", cue_roles, sizeof cue_roles / sizeof *cue_roles },
    { "tables.tsv", cue_roles, sizeof cue_roles / sizeof *cue_roles },
    { "subjects.tsv", cue_roles, sizeof cue_roles / sizeof *cue_roles },
};

static int role_of(const role_name *names, size_t n, const char *name, vocab_role *out)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(names[k].name, name) == 0) {
            *out = names[k].role;
            return 1;
        }
    return 0;
}

static void list_add(vocab_list *list, const char *word, const char *arg, vocab_role role)
{
    list->words = es_xrealloc(list->words, (list->n + 1) * sizeof *list->words);
    list->words[list->n++] = (vocab_word){
        .text = es_xstrdup(word), .len = strlen(word), .arg = es_xstrdup(arg), .role = role,
    };
}

/* Copies the words of `roles` into the list of `into`, each keeping its
 * role, so that one lookup finds the longest word of any of them. */
static void gather(vocab *v, vocab_role into, const vocab_role *roles, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const vocab_list *from = &v->roles[roles[k]];
        for (size_t i = 0; i < from->n; i++)
            list_add(&v->roles[into], from->words[i].text, from->words[i].arg, roles[k]);
    }
}

static void gather_all(vocab *v)
{
    static const vocab_role units[] = {
        ROLE_UNIT_ANY, ROLE_UNIT_ARABIC, ROLE_UNIT_MEASURE, ROLE_UNIT_REJECT, ROLE_UNIT_AGE, ROLE_UNIT_TIMES,
    };
    static const vocab_role tails[] = {
        ROLE_LINK, ROLE_CHANGE, ROLE_COMPARE, ROLE_RANK_VERB, ROLE_SCOPE, ROLE_CMP_PRE, ROLE_CMP_SPAN, ROLE_INTENT,
    };
    gather(v, ROLE_UNIT, units, sizeof units / sizeof *units);
    gather(v, ROLE_TAIL, tails, sizeof tails / sizeof *tails);
}

/* Splits a line at tabs in place; returns the number of fields. */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *at = line;
    while (n < max) {
        fields[n++] = at;
        char *tab = strchr(at, '\t');
        if (!tab)
            break;
        *tab = '\0';
        at = tab + 1;
    }
    return n;
}

static int load_table(vocab *v, const char *path, const role_name *names, size_t nnames, es_err *err)
{
    char *data;
    size_t len;
    es_err why;
    if (es_read_file(path, &data, &len, &why) != 0)
        return es_err_set(err, "%s: %s", path, why.msg);
    int rc = 0;
    size_t lineno = 0;
    char *line = data;
    while (line && *line && rc == 0) {
        lineno++;
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t n = strlen(line);
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        if (line[0] != '\0' && line[0] != '#') {
            char *fields[3] = { NULL, NULL, NULL };
            size_t nf = split_tabs(line, fields, 3);
            vocab_role role;
            if (nf < 2 || fields[0][0] == '\0' || !role_of(names, nnames, fields[1], &role))
                rc = es_err_set(err, "%s:%zu: expected word<TAB>role with a known role", path, lineno);
            else
                list_add(&v->roles[role], fields[0], nf > 2 ? fields[2] : "", role);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(data);
    return rc;
}

static unsigned bucket_of(int32_t cp)
{
    return ((uint32_t)cp * 2654435761u) >> 24;   /* top 8 bits of a multiplicative hash */
}

/* Code point of the character at s[0], 0 when it does not fit before end. */
static inline int32_t char_at(const char *s, size_t left)
{
    size_t n = es_u8_len(s);
    return n <= left ? es_u8_cp(s) : 0;
}

/* Start of the last character of a word. */
static size_t last_char_at(const vocab_word *w)
{
    return es_u8_prev(w->text, 0, w->len);
}

/* Filter key of the character at s, which fits before the end of the
 * text (see VOCAB_HINTS). */
static inline unsigned hint_key(const char *s)
{
    return ((uint32_t)es_u8_cp(s) * 2654435761u) >> (32 - VOCAB_HINT_BITS);
}

static inline int hint_set(const unsigned char *hints, unsigned key)
{
    return hints[key >> 3] & (1u << (key & 7));
}

static void fill_hints(vocab_list *list)
{
    for (size_t k = 0; k < list->n; k++) {
        const vocab_word *w = &list->words[k];
        unsigned first = hint_key(w->text), last = hint_key(w->text + last_char_at(w));
        list->first_hint[first >> 3] |= (unsigned char)(1u << (first & 7));
        list->last_hint[last >> 3] |= (unsigned char)(1u << (last & 7));
    }
}

/* Groups the word indices by bucket, keeping longest-first order inside. */
static void index_by(vocab_list *list, int by_last, size_t **order, size_t *start)
{
    size_t count[VOCAB_BUCKETS] = { 0 };
    unsigned *bucket = es_xmalloc((list->n ? list->n : 1) * sizeof *bucket);
    for (size_t k = 0; k < list->n; k++) {
        const vocab_word *w = &list->words[k];
        size_t at = by_last ? last_char_at(w) : 0;
        bucket[k] = bucket_of(char_at(w->text + at, w->len - at));
        count[bucket[k]]++;
    }
    start[0] = 0;
    for (unsigned b = 0; b < VOCAB_BUCKETS; b++)
        start[b + 1] = start[b] + count[b];
    size_t fill[VOCAB_BUCKETS];
    memcpy(fill, start, sizeof fill);
    *order = es_xmalloc((list->n ? list->n : 1) * sizeof **order);
    for (size_t k = 0; k < list->n; k++)
        (*order)[fill[bucket[k]]++] = k;
    free(bucket);
}

/* Byte comparison for the few bytes of a word; cheaper than a call. */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return 0;
    return 1;
}

static int longer_first(const void *a, const void *b)
{
    const vocab_word *x = a, *y = b;
    return (x->len < y->len) - (x->len > y->len);
}

int vocab_load(vocab *v, const char *data_dir, es_err *err)
{
    memset(v, 0, sizeof *v);
    es_buf path = { 0 };
    int rc = 0;
    for (size_t k = 0; k < sizeof tables / sizeof *tables && rc == 0; k++) {
        path.len = 0;
        es_buf_printf(&path, "%s/extract/%s", data_dir, tables[k].file);
        rc = load_table(v, path.data, tables[k].names, tables[k].nnames, err);
    }
    es_buf_free(&path);
    if (rc != 0) {
        vocab_free(v);
        return -1;
    }
    gather_all(v);
    for (int r = 0; r < ROLE_COUNT; r++) {
        vocab_list *list = &v->roles[r];
        if (list->n)
            qsort(list->words, list->n, sizeof *list->words, longer_first);
        index_by(list, 0, &list->by_first, list->first_start);
        index_by(list, 1, &list->by_last, list->last_start);
        fill_hints(list);
    }
    return 0;
}

void vocab_free(vocab *v)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        for (size_t k = 0; k < v->roles[r].n; k++) {
            free(v->roles[r].words[k].text);
            free(v->roles[r].words[k].arg);
        }
        free(v->roles[r].words);
        free(v->roles[r].by_first);
        free(v->roles[r].by_last);
    }
    memset(v, 0, sizeof *v);
}

unsigned vocab_key(const char *text, size_t at, size_t end)
{
    return at < end && es_u8_len(text + at) <= end - at ? hint_key(text + at) : VOCAB_NO_KEY;
}

int vocab_may_start(const vocab *v, vocab_role role, unsigned key)
{
    return key != VOCAB_NO_KEY && hint_set(v->roles[role].first_hint, key);
}

const vocab_word *vocab_match_at(const vocab *v, vocab_role role,
                                 const char *text, size_t at, size_t end)
{
    if (at >= end)
        return NULL;
    const vocab_list *list = &v->roles[role];
    if (es_u8_len(text + at) > end - at || !hint_set(list->first_hint, hint_key(text + at)))
        return NULL;
    unsigned b = bucket_of(char_at(text + at, end - at));
    for (size_t k = list->first_start[b]; k < list->first_start[b + 1]; k++) {
        const vocab_word *w = &list->words[list->by_first[k]];
        if (w->len <= end - at && same_bytes(text + at, w->text, w->len))
            return w;
    }
    return NULL;
}

const vocab_word *vocab_match_before(const vocab *v, vocab_role role,
                                     const char *text, size_t start, size_t at)
{
    if (at <= start)
        return NULL;
    const vocab_list *list = &v->roles[role];
    size_t last = es_u8_prev(text, start, at);
    if (es_u8_len(text + last) > at - last || !hint_set(list->last_hint, hint_key(text + last)))
        return NULL;
    unsigned b = bucket_of(char_at(text + last, at - last));
    for (size_t k = list->last_start[b]; k < list->last_start[b + 1]; k++) {
        const vocab_word *w = &list->words[list->by_last[k]];
        if (w->len <= at - start && same_bytes(text + at - w->len, w->text, w->len))
            return w;
    }
    return NULL;
}

/* Roles with at most this many words are searched word by word with
 * memmem, which outruns a walk over every character. */
#define FEW_WORDS 12
/* ... in texts at least this long; shorter ones are walked. */
#define LONG_TEXT 192

static size_t find_few(const vocab_list *list, const char *text, size_t start, size_t end,
                       const vocab_word **found)
{
    size_t best = (size_t)-1;
    for (size_t k = 0; k < list->n; k++) {
        const vocab_word *w = &list->words[k];
        size_t limit = best == (size_t)-1 ? end : best + w->len;   /* only an earlier hit helps */
        if (limit > end)
            limit = end;
        const char *hit = limit > start ? memmem(text + start, limit - start, w->text, w->len) : NULL;
        /* Words are longest first, so at one offset the longest wins. */
        if (hit && (size_t)(hit - text) < best) {
            best = (size_t)(hit - text);
            if (found)
                *found = w;
        }
    }
    return best;
}

size_t vocab_find(const vocab *v, vocab_role role, const char *text,
                  size_t start, size_t end, const vocab_word **found)
{
    const vocab_list *list = &v->roles[role];
    if (list->n == 0)
        return (size_t)-1;
    if (list->n == 1 || (list->n <= FEW_WORDS && end - start >= LONG_TEXT))
        return find_few(list, text, start, end, found);
    for (size_t at = start; at < end; at += es_u8_len(text + at)) {
        if (es_u8_len(text + at) > end - at || !hint_set(list->first_hint, hint_key(text + at)))
            continue;
        const vocab_word *w = vocab_match_at(v, role, text, at, end);
        if (w) {
            if (found)
                *found = w;
            return at;
        }
    }
    return (size_t)-1;
}

size_t vocab_find_last(const vocab *v, vocab_role role, const char *text,
                       size_t start, size_t end, const vocab_word **found)
{
    size_t last = (size_t)-1, at = start;
    const vocab_word *w;
    while (at < end) {
        size_t hit = vocab_find(v, role, text, at, end, &w);
        if (hit == (size_t)-1)
            break;
        last = hit;
        if (found)
            *found = w;
        at = hit + w->len;
    }
    return last;
}
