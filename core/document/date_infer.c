/* Years and dates: the year a document is about and the date it was issued.
 *
 * A document names many years: the one it reports on, the previous one it
 * compares with, the end of a plan period (2020-2022年) and the date it was
 * signed (2022年3月10日). The year it is about is named in its title or,
 * failing that, more often than any other near the top; range ends and
 * full dates are not counted. */
#include "meta_infer.h"

#include <stdio.h>
#include <string.h>

#include "edushell/base/common.h"
#include "spans.h"

#define YEAR_MIN 1949
#define YEAR_MAX 2099
/* Years are counted in the first half of a document, but never fewer bytes
 * than this: a short report names its year only a few times. */
#define YEAR_SCAN_MIN_BYTES 8000

/* Marks that open the end of a range: 2020-2022年, 2021至2025年. */
static const char *const range_marks[] = {"-", "—", "~", "至", "到"};
/* Words after a date that make a line a signature line. */
static const char *const signature_tails[] = {"印发", "发布", "签发", "印"};
/* Labels of the issue-date field on government web pages. */
static const char *const issue_date_labels[] = {"发文日期", "成文日期"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Up to `max` digits at s; returns the bytes taken, 0 when no digit. */
static size_t read_number(const char *s, size_t len, int max, int *value)
{
    size_t used = 0, n = 0;
    int v = 0, d, count = 0;
    while (count < max && (d = es_digit_value(s + used, len - used, &n)) >= 0) {
        v = v * 10 + d;
        used += n;
        count++;
    }
    *value = v;
    return used;
}

static int is_digit_before(const char *text, size_t at)
{
    size_t n;
    if (at >= 1 && es_digit_value(text + at - 1, 1, &n) >= 0)
        return 1;
    return at >= 3 && es_digit_value(text + at - 3, 3, &n) >= 0;
}

/* A four-digit year at s: returns its bytes, 0 when none. */
static size_t read_year(const char *s, size_t len, int *year)
{
    size_t used = read_number(s, len, 4, year);
    size_t n;
    if (used == 0 || *year < 1000 || es_digit_value(s + used, len - used, &n) >= 0)
        return 0;
    return (*year >= YEAR_MIN && *year <= YEAR_MAX) ? used : 0;
}

/* Bytes of 年 after a year, allowing one blank before it ("2021 年"). */
static size_t year_mark_len(const char *s, size_t len)
{
    size_t blank = es_blank_len(s, len);
    return meta_starts(s + blank, len - blank, "年") ? blank + strlen("年") : 0;
}

static size_t starts_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_starts(s, len, words[i]))
            return strlen(words[i]);
    return 0;
}

static int ends_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_ends(s, len, words[i]))
            return 1;
    return 0;
}

static int valid_date(int month, int day)
{
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* 2022年3月10日 */
static size_t parse_chinese_date(const char *s, size_t len, int *month, int *day)
{
    size_t at = year_mark_len(s, len), n;
    if (at == 0 || (n = read_number(s + at, len - at, 2, month)) == 0)
        return 0;
    at += n;
    if (!meta_starts(s + at, len - at, "月"))
        return 0;
    at += strlen("月");
    if ((n = read_number(s + at, len - at, 2, day)) == 0)
        return 0;
    at += n;
    if (!meta_starts(s + at, len - at, "日"))
        return 0;
    return at + strlen("日");
}

/* 2024-04-10, 2024/4/10, 2024.04.10: the same separator twice. */
static size_t parse_numeric_date(const char *s, size_t len, int *month, int *day)
{
    if (len < 4 || (s[0] != '-' && s[0] != '/' && s[0] != '.'))
        return 0;
    char sep = s[0];
    size_t at = 1, n;
    if ((n = read_number(s + at, len - at, 2, month)) == 0)
        return 0;
    at += n;
    if (at >= len || s[at] != sep)
        return 0;
    at++;
    if ((n = read_number(s + at, len - at, 2, day)) == 0)
        return 0;
    return at + n;
}

size_t es_meta_parse_date(const char *s, size_t len, int *year, int *month, int *day)
{
    size_t at = read_year(s, len, year);
    if (at == 0)
        return 0;
    size_t rest = parse_chinese_date(s + at, len - at, month, day);
    if (rest == 0)
        rest = parse_numeric_date(s + at, len - at, month, day);
    return (rest > 0 && valid_date(*month, *day)) ? at + rest : 0;
}

char *es_meta_iso_date(int year, int month, int day)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return es_xstrdup(buf);
}

int es_year_of_title(const char *title)
{
    if (!title)
        return 0;
    size_t len = strlen(title);
    for (size_t at = 0; at < len; at++) {
        int year;
        size_t n = is_digit_before(title, at) ? 0 : read_year(title + at, len - at, &year);
        if (n > 0 && year_mark_len(title + at + n, len - at - n) > 0)
            return year;
    }
    return 0;
}

/* Does the year at text[at] end a range (…-2022年)? */
static int ends_range(const char *text, size_t at)
{
    size_t start = at;
    size_t n;
    while (start > 0 && (n = es_blank_len(text + start - 1, 1)) > 0)
        start--;
    for (size_t i = 0; i < COUNT(range_marks); i++) {
        size_t w = strlen(range_marks[i]);
        if (start >= w && memcmp(text + start - w, range_marks[i], w) == 0)
            return 1;
    }
    return 0;
}

/* Does the year at text[at] (n bytes) start a range (2020-2022年)? */
static int starts_range(const char *text, size_t len, size_t at, size_t n)
{
    size_t mark = starts_any(text + at + n, len - at - n, range_marks, COUNT(range_marks));
    int year;
    return mark > 0 && read_year(text + at + n + mark, len - at - n - mark, &year) > 0;
}

/* A year that names what it is about: 2021年, 2021年度, or a range start;
 * not a date (2022年3月10日, 2020年6月) and not a range end. */
static int counts_as_year(const char *text, size_t len, size_t at, size_t n)
{
    if (ends_range(text, at))
        return 0;
    const char *after = text + at + n;
    size_t after_len = len - at - n;
    size_t mark = year_mark_len(after, after_len);
    if (mark == 0)
        return starts_range(text, len, at, n);
    int month;
    size_t m = read_number(after + mark, after_len - mark, 2, &month);
    return !(m > 0 && meta_starts(after + mark + m, after_len - mark - m, "月"));
}

int es_year_of_text(const char *text, size_t len)
{
    size_t scan = len / 2;
    if (scan < YEAR_SCAN_MIN_BYTES)
        scan = len < YEAR_SCAN_MIN_BYTES ? len : YEAR_SCAN_MIN_BYTES;
    int counts[YEAR_MAX - YEAR_MIN + 1] = {0};
    size_t first_seen[YEAR_MAX - YEAR_MIN + 1] = {0};
    int best = 0;
    for (size_t at = 0; at < scan; at++) {
        int year;
        size_t n = is_digit_before(text, at) ? 0 : read_year(text + at, len - at, &year);
        if (n == 0 || !counts_as_year(text, len, at, n))
            continue;
        int slot = year - YEAR_MIN;
        if (counts[slot]++ == 0)
            first_seen[slot] = at;
        /* Ties go to the year named first. */
        if (best == 0 || counts[slot] > counts[best - YEAR_MIN] ||
            (counts[slot] == counts[best - YEAR_MIN] && first_seen[slot] < first_seen[best - YEAR_MIN]))
            best = year;
        at += n - 1;
    }
    return best;
}

/* Blanks, colons and one line break between a label and its value. */
static size_t skip_separators(const char *s, size_t len)
{
    size_t at = 0, n;
    int breaks = 0;
    for (;;) {
        if ((n = es_blank_len(s + at, len - at)) > 0)
            at += n;
        else if (at < len && s[at] == ':')
            at++;
        else if (at < len && s[at] == '\n' && breaks++ == 0)
            at++;
        else
            return at;
    }
}

/* The date after a 发文日期 label, on its line or the next one. */
static char *labelled_date(const char *text, size_t len)
{
    for (size_t i = 0; i < COUNT(issue_date_labels); i++) {
        const char *label = meta_find(text, len, issue_date_labels[i]);
        if (!label)
            continue;
        size_t at = (size_t)(label - text) + strlen(issue_date_labels[i]);
        at += skip_separators(text + at, len - at);
        int y, m, d;
        if (es_meta_parse_date(text + at, len - at, &y, &m, &d) > 0)
            return es_meta_iso_date(y, m, d);
    }
    return NULL;
}

/* A line that is only a date, or a date and 印发: the signature. */
static char *signature_date(const char *text, size_t len)
{
    size_t pos = 0;
    meta_line l;
    while (meta_line_next(text, len, &pos, &l)) {
        int y, m, d;
        size_t n = es_meta_parse_date(l.s, l.len, &y, &m, &d);
        if (n == 0)
            continue;
        if (n == l.len || (starts_any(l.s + n, l.len - n, signature_tails, COUNT(signature_tails)) &&
                           ends_any(l.s + n, l.len - n, signature_tails, COUNT(signature_tails)) &&
                           es_u8_count(l.s + n, l.len - n) <= 2))
            return es_meta_iso_date(y, m, d);
    }
    return NULL;
}

char *es_infer_issued(const char *text, size_t len)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES;
    char *date = labelled_date(text, head);
    return date ? date : signature_date(text, len);
}

/* How far before 人民代表大会 the session's date may start. */
#define SESSION_DATE_REACH 120

int es_year_of_session(const char *text, size_t len)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES;
    const char *congress = meta_find(text, head, "人民代表大会");
    if (!congress)
        return 0;
    size_t end = (size_t)(congress - text);
    size_t start = end > SESSION_DATE_REACH ? end - SESSION_DATE_REACH : 0;
    for (size_t at = start; at < end; at++) {
        int y, m, d;
        if (!is_digit_before(text, at) && es_meta_parse_date(text + at, len - at, &y, &m, &d) > 0)
            return y;
    }
    return 0;
}
