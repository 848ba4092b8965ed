/* Comparisons: the base a figure is compared with (比上年, 较2015年,
 * 较“十二五”末) and the difference from a reference (高于全国平均水平). */
#include "compare.h"

#include "edushell/base/uchar.h"

#include <stdlib.h>
#include <string.h>

/* Characters that open a comparison: 比上年, 较2015年, 与上年. */
static const char *const openers[] = { "比", "较", "与" };

static int opener_before(const char *text, size_t start, size_t at)
{
    if (at < start + 3)
        return 0;
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
        if (memcmp(text + at - 3, openers[k], 3) == 0)
            return 1;
    return 0;
}

static size_t strip_before(const char *text, size_t start, size_t at, const char *word)
{
    size_t n = strlen(word);
    return at >= start + n && memcmp(text + at - n, word, n) == 0 ? at - n : at;
}

/* A year (2015年) ending at `at`, with an opener before it. */
static size_t year_base(const char *text, size_t start, size_t at, int *year)
{
    size_t y = strip_before(text, start, at, "年");
    if (y == at || y < start + 4)
        return (size_t)-1;
    for (size_t k = y - 4; k < y; k++)
        if (!es_is_digit(text[k]))
            return (size_t)-1;
    if (y - 4 > start && es_is_digit(text[y - 5]))
        return (size_t)-1;
    if (!opener_before(text, start, y - 4))
        return (size_t)-1;
    *year = atoi(text + y - 4);
    return y - 4 - 3;
}

/* A five-year period (“十二五”末, 十三五初期) ending at `at`, with an
 * opener before it: its end is the period's last year, its start the year
 * before its first. */
static size_t period_base(const vocab *v, const char *text, size_t start, size_t at, int *year)
{
    static const char *const ends[] = { "期末", "末", "初期", "初" };
    size_t p = at;
    int beginning = 0;
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        size_t q = strip_before(text, start, at, ends[k]);
        if (q != at) {
            p = q;
            beginning = k >= 2;
            break;
        }
    }
    p = strip_before(text, start, p, "”");
    const vocab_word *w = vocab_match_before(v, ROLE_PERIOD, text, start, p);
    if (!w || atoi(w->arg) == 0)
        return (size_t)-1;
    p -= w->len;
    p = strip_before(text, start, p, "“");
    if (!opener_before(text, start, p))
        return (size_t)-1;
    int end = atoi(w->arg);
    *year = beginning ? end - 5 : end;
    return p - 3;
}

size_t compare_base_before(const vocab *v, const char *text, size_t start, size_t at, int *year)
{
    at = strip_before(text, start, at, "的");
    *year = 0;
    const vocab_word *w = vocab_match_before(v, ROLE_BASE, text, start, at);
    if (w) {
        *year = atoi(w->arg);
        return at - w->len;
    }
    size_t b = year_base(text, start, at, year);
    if (b != (size_t)-1)
        return b;
    return period_base(v, text, start, at, year);
}

size_t difference_before(const vocab *v, const char *text, size_t clause, size_t at, size_t max_chars)
{
    const vocab_word *w;
    size_t hit = vocab_find_last(v, ROLE_DIFFERENCE, text, clause, at, &w);
    if (hit == (size_t)-1 || hit + w->len >= at)
        return (size_t)-1;   /* 高于95%: a comparator, no difference */
    size_t from = hit + w->len;
    size_t chars = es_u8_count(text + from, at - from);
    if (chars > max_chars)
        return (size_t)-1;
    /* The reference is a noun phrase: no verb brings in the figure (a
     * one-character link such as 均 is too often part of a noun). */
    static const vocab_role verbs[] = { ROLE_LINK, ROLE_CHANGE };
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
        for (size_t p = from; p < at;) {
            const vocab_word *verb;
            size_t found = vocab_find(v, verbs[k], text, p, at, &verb);
            if (found == (size_t)-1)
                break;
            if (verb->len > 3)
                return (size_t)-1;
            p = found + verb->len;
        }
    return hit;
}
