/* Headings, paragraphs and sentences of a text's normalized view (see
 * segment.h), where full-width punctuation and digits have become ASCII.
 *
 * A paragraph is a non-blank line. A heading is a paragraph that starts with
 * a numbering marker; its section lasts until the next heading of the same
 * or a higher level. Sentences end at 。!?; or at the end of the line, and
 * keep closing quotes that follow the stop. */
#include "edushell/document/segment.h"

#include "edushell/base/common.h"
#include "edushell/base/uchar.h"
#include "edushell/text/normalize.h"

#include <stdlib.h>
#include <string.h>

#define MAX_LEVEL 4
#define MAX_MARKER_NUMERALS 4

typedef struct seg_builder {
    es_structure *st;
    size_t cap_sections, cap_paragraphs, cap_sentences;
    long open[MAX_LEVEL + 1];   /* innermost open section per level, -1 if none */
} seg_builder;

static int starts_with(const char *s, size_t left, const char *lit)
{
    size_t n = strlen(lit);
    return left >= n && memcmp(s, lit, n) == 0;
}

static size_t skip_blanks(const char *s, size_t at, size_t end)
{
    size_t n;
    while (at < end && (n = es_blank_len(s + at, end - at)) > 0)
        at += n;
    return at;
}

/* End of the text with trailing blanks removed. */
static size_t trim_end(const char *s, size_t start, size_t end)
{
    size_t n;
    while (end > start && (n = es_blank_before_len(s + start, end - start)) > 0)
        end -= n;
    return end;
}

static const char *const heading_numerals[] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "〇", "零", "百",
};

/* Length of a run of Chinese numerals at s (at most a few characters). */
static size_t chinese_numeral_run(const char *s, size_t left)
{
    size_t at = 0;
    for (int count = 0; count < MAX_MARKER_NUMERALS; count++) {
        size_t matched = 0;
        for (size_t k = 0; k < sizeof heading_numerals / sizeof *heading_numerals; k++)
            if (starts_with(s + at, left - at, heading_numerals[k])) {
                matched = strlen(heading_numerals[k]);
                break;
            }
        if (!matched)
            break;
        at += matched;
    }
    return at;
}

/* Length of a run of digits at s. */
static size_t digit_run(const char *s, size_t left)
{
    size_t at = 0;
    while (at < left && es_is_digit(s[at]))
        at++;
    return at;
}

/* Recognizes a numbering marker at s; returns its level (0 for none) and
 * sets *marker_len. */
static int heading_marker(const char *s, size_t left, size_t *marker_len)
{
    if (starts_with(s, left, "(")) {
        size_t run = chinese_numeral_run(s + 1, left - 1);
        if (run && starts_with(s + 1 + run, left - 1 - run, ")")) {
            *marker_len = run + 2;
            return 2;
        }
    }
    size_t run = chinese_numeral_run(s, left);
    if (run) {
        if (starts_with(s + run, left - run, "、")) {
            *marker_len = run + 3;
            return 1;
        }
        if (starts_with(s + run, left - run, "是")) {
            *marker_len = run + 3;
            return 4;
        }
        return 0;
    }
    run = digit_run(s, left);
    if (!run)
        return 0;
    if (starts_with(s + run, left - run, "、")) {
        *marker_len = run + 3;
        return 3;
    }
    /* "1." but not the decimal point of "1.5". */
    if (starts_with(s + run, left - run, ".") && digit_run(s + run + 1, left - run - 1) == 0) {
        *marker_len = run + 1;
        return 3;
    }
    return 0;
}

static void add_section(seg_builder *b, size_t start, size_t end, size_t marker_len, int level)
{
    es_structure *st = b->st;
    if (st->nsections == b->cap_sections) {
        b->cap_sections = b->cap_sections ? 2 * b->cap_sections : 16;
        st->sections = es_xrealloc(st->sections, b->cap_sections * sizeof *st->sections);
    }
    long parent = -1;
    for (int l = level - 1; l >= 1; l--)
        if (b->open[l] >= 0) {
            parent = b->open[l];
            break;
        }
    long index = (long)st->nsections;
    st->sections[st->nsections++] = (es_section){
        .start = start, .end = end, .marker_end = start + marker_len,
        .level = level, .parent = parent,
    };
    b->open[level] = index;
    for (int l = level + 1; l <= MAX_LEVEL; l++)
        b->open[l] = -1;
}

static long innermost_section(const seg_builder *b)
{
    for (int l = MAX_LEVEL; l >= 1; l--)
        if (b->open[l] >= 0)
            return b->open[l];
    return -1;
}

static void add_sentence(seg_builder *b, const char *text, size_t start, size_t end)
{
    start = skip_blanks(text, start, end);
    end = trim_end(text, start, end);
    if (start >= end)
        return;
    es_structure *st = b->st;
    if (st->nsentences == b->cap_sentences) {
        b->cap_sentences = b->cap_sentences ? 2 * b->cap_sentences : 64;
        st->sentences = es_xrealloc(st->sentences, b->cap_sentences * sizeof *st->sentences);
    }
    st->sentences[st->nsentences++] = (es_sentence){
        .start = start, .end = end,
        .section = innermost_section(b), .paragraph = st->nparagraphs - 1,
    };
}

/* Length of a sentence stop at s, 0 when there is none: ! ? ; or
 * 。(E3 80 82). */
static size_t stop_len(const char *s, size_t left)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == '!' || u[0] == '?' || u[0] == ';')
        return 1;
    return left >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82 ? 3 : 0;
}

/* Length of a closing quote or bracket at s that belongs to the sentence
 * before it. */
static size_t closer_len(const char *s, size_t left)
{
    static const char *const closers[] = { "”", "’", "」", "』", "》" };
    for (size_t k = 0; k < sizeof closers / sizeof *closers; k++)
        if (starts_with(s, left, closers[k]))
            return 3;
    if (left >= 1 && (s[0] == '"' || s[0] == ')'))
        return 1;
    return 0;
}

/* Bytes that can begin a sentence stop: every stop is ASCII or 。. */
static const unsigned char may_stop[256] = {
    ['!'] = 1, ['?'] = 1, [';'] = 1, [0xE3] = 1,
};

static void split_sentences(seg_builder *b, const char *text, size_t start, size_t end)
{
    size_t sent = start, at = start;
    while (at < end) {
        while (at < end) {
            unsigned char c = (unsigned char)text[at];
            /* Most characters are 3-byte CJK whose lead byte no stop has. */
            if (c >= 0xE4 && c <= 0xEE && end - at >= 3 && ((unsigned char)text[at + 1] & 0xC0) == 0x80 &&
                ((unsigned char)text[at + 2] & 0xC0) == 0x80)
                at += 3;
            else if (!may_stop[c])
                at++;
            else
                break;
        }
        if (at >= end)
            break;
        size_t n = stop_len(text + at, end - at);
        if (!n) {
            at++;
            continue;
        }
        at += n;
        while (at < end && (n = closer_len(text + at, end - at)) > 0)
            at += n;
        add_sentence(b, text, sent, at);
        sent = at;
    }
    add_sentence(b, text, sent, end);
}

static void add_paragraph(seg_builder *b, const char *text, size_t start, size_t end)
{
    es_structure *st = b->st;
    if (st->nparagraphs == b->cap_paragraphs) {
        b->cap_paragraphs = b->cap_paragraphs ? 2 * b->cap_paragraphs : 32;
        st->paragraphs = es_xrealloc(st->paragraphs, b->cap_paragraphs * sizeof *st->paragraphs);
    }
    st->paragraphs[st->nparagraphs++] = (es_span){ start, end };
    size_t marker_len = 0;
    int level = heading_marker(text + start, end - start, &marker_len);
    if (level)
        add_section(b, start, end, marker_len, level);
    split_sentences(b, text, start, end);
}

void es_segment(const char *text, size_t len, es_structure *out)
{
    memset(out, 0, sizeof *out);
    seg_builder b = { .st = out };
    for (int l = 0; l <= MAX_LEVEL; l++)
        b.open[l] = -1;
    size_t line = 0;
    while (line < len) {
        const char *nl = memchr(text + line, '\n', len - line);
        size_t line_end = nl ? (size_t)(nl - text) : len;
        size_t start = skip_blanks(text, line, line_end);
        size_t end = trim_end(text, start, line_end);
        if (start < end)
            add_paragraph(&b, text, start, end);
        line = line_end + 1;
    }
    es_find_tables(text, len, out);
}

/* The raw span of view span [*start, *end). */
static void span_to_raw(const es_view *view, size_t *start, size_t *end)
{
    size_t rs, re;
    es_view_to_raw(view, *start, *end, &rs, &re);
    *start = rs;
    *end = re;
}

void es_structure_to_raw(es_structure *st, const es_view *view)
{
    for (size_t k = 0; k < st->nsections; k++) {
        es_section *sec = &st->sections[k];
        size_t marker_end = sec->marker_end, end = sec->end;
        span_to_raw(view, &marker_end, &end);
        span_to_raw(view, &sec->start, &sec->end);
        sec->marker_end = marker_end;
    }
    for (size_t k = 0; k < st->nparagraphs; k++)
        span_to_raw(view, &st->paragraphs[k].start, &st->paragraphs[k].end);
    for (size_t k = 0; k < st->nsentences; k++)
        span_to_raw(view, &st->sentences[k].start, &st->sentences[k].end);
    for (size_t k = 0; k < st->tables.n; k++) {
        es_table *t = &st->tables.items[k];
        span_to_raw(view, &t->start, &t->end);
        for (size_t c = 0; c < t->ncells; c++)
            span_to_raw(view, &t->cells[c].start, &t->cells[c].end);
    }
}

void es_structure_free(es_structure *st)
{
    if (!st)
        return;
    free(st->sections);
    free(st->paragraphs);
    free(st->sentences);
    es_table_list_free(&st->tables);
    memset(st, 0, sizeof *st);
}

long es_structure_sentence_at(const es_structure *st, size_t at)
{
    size_t lo = 0, hi = st->nsentences;
    while (lo < hi) {   /* first sentence that ends after `at` */
        size_t mid = lo + (hi - lo) / 2;
        if (st->sentences[mid].end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < st->nsentences && st->sentences[lo].start <= at)
        return (long)lo;
    return -1;
}
