/* Years named in a text (see years.h). */
#include "years.h"

#include "edushell/base/uchar.h"

#include <stdlib.h>
#include <string.h>

/* The year of a "YYYY年" whose 年 is at text[nian], or 0. */
static int year_ending_at(const char *text, size_t start, size_t nian, size_t end)
{
    if (nian < start + 4)
        return 0;
    const char *y = text + nian - 4;
    if (!(y[0] == '1' || y[0] == '2') || !es_is_digit(y[1]) || !es_is_digit(y[2]) ||
        !es_is_digit(y[3]) || (nian - 4 > start && es_is_digit(y[-1])))
        return 0;
    if (nian + 3 < end && es_is_digit(text[nian + 3]))
        return 0;   /* 2022年3月10日: a date */
    return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
}

typedef struct named_year {
    int year;
    size_t at;   /* where it was named */
} named_year;

/* The last YYYY年 in text[from, end); `start` bounds the digits before. */
static void last_calendar_year(const char *text, size_t start, size_t from, size_t end, named_year *last)
{
    static const char nian[] = "年";
    for (size_t p = from; p + 3 <= end; p++) {
        const char *lead = memchr(text + p, nian[0], end - p - 2);
        if (!lead)
            return;
        p = (size_t)(lead - text);
        if (text[p + 1] != nian[1] || text[p + 2] != nian[2])
            continue;
        int year = year_ending_at(text, start, p, end);
        if (year) {
            last->year = year;
            last->at = p;
        }
    }
}

/* The last period word (十四五) in text[from, end), if later than *last. */
static void last_period(const vocab *v, const char *text, size_t from, size_t end, named_year *last)
{
    const vocab_word *w;
    size_t at = from;
    while (at < end) {
        size_t hit = vocab_find(v, ROLE_PERIOD, text, at, end, &w);
        if (hit == (size_t)-1)
            return;
        if (!last->year || hit >= last->at) {
            int year = atoi(w->arg);
            last->year = year ? year : YEAR_OF_DOCUMENT;
            last->at = hit;
        }
        at = hit + w->len;
    }
}

int years_named_last(const vocab *v, const char *text, size_t start, size_t end)
{
    named_year last = { 0, 0 };
    last_calendar_year(text, start, start, end, &last);
    last_period(v, text, start, end, &last);
    return last.year;
}

int years_before(const vocab *v, year_tracker *t, const char *text, size_t at)
{
    if (at > t->scanned) {
        named_year last = { 0, 0 };
        last_calendar_year(text, t->start, t->scanned, at, &last);
        if (!t->no_periods)
            last_period(v, text, t->scanned, at, &last);
        if (last.year)
            t->year = last.year;
        t->scanned = at;
    }
    return t->year;
}

int years_period_end(const vocab *v, int year)
{
    const vocab_list *periods = &v->roles[ROLE_PERIOD];
    for (size_t k = 0; k < periods->n; k++) {
        int end = atoi(periods->words[k].arg);
        if (end >= year && end - PERIOD_YEARS < year)
            return end;
    }
    return year;
}
