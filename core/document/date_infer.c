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
#include "edushell/document/metadata.h"
#include "spans.h"

#define YEAR_MIN 1949
#define YEAR_MAX 2099
/* Years are counted in the first half of a document, but never fewer bytes
 * than this: a short report names its year only a few times. */
#define YEAR_SCAN_MIN_BYTES 16000

/* Marks that open the end of a range: 2020-2022年, 2021至2025年. */
static const char *const range_marks[] = {"-", "—", "~", "至", "到"};
/* Words after a date that make a line a signature line. */
static const char *const signature_tails[] = {"印发", "发布", "签发", "印"};
/* Labels of the issue-date field on government web pages, the document's
 * own first, then the page's. */
static const char *const issue_date_labels[] = {"发文日期", "成文日期", "发布日期", "发布时间", "日期", "时间"};

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

/* The last year of the five-year plan a 十X五 at s names, 0 when none:
 * the eleventh (十一五) ended in 2010, each later one five years on. */
static int period_end_at(const char *s, size_t len)
{
    static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (len < 9 || !meta_starts(s, len, "十"))
        return 0;
    for (int d = 0; d < 9; d++)
        if (meta_starts(s + 3, len - 3, digits[d]) && meta_starts(s + 6, len - 6, "五"))
            return 2010 + 5 * d;
    return 0;
}

int es_period_end_in(const char *s, size_t len)
{
    for (const char *p = meta_find(s, len, "十"); p; p = meta_find(p + 3, len - (size_t)(p + 3 - s), "十")) {
        int end = period_end_at(p, len - (size_t)(p - s));
        if (end)
            return end;
    }
    return 0;
}

int es_year_of_title(const char *title, const char *kind)
{
    if (!title)
        return 0;
    size_t len = strlen(title);
    for (size_t at = 0; at < len; at++) {
        int year, last;
        size_t n = is_digit_before(title, at) ? 0 : read_year(title + at, len - at, &year);
        if (n == 0)
            continue;
        /* A range (2017—2020年): a plan or review of the period is about
         * its last year, a school year (2024-2025学年) its first. */
        size_t y = n + year_mark_len(title + at + n, len - at - n);
        size_t mark = starts_any(title + at + y, len - at - y, range_marks, COUNT(range_marks));
        size_t m = mark ? read_year(title + at + y + mark, len - at - y - mark, &last) : 0;
        if (m > 0 && last > year) {
            int school_year = last == year + 1 && (meta_find(title, len, "学年") ||
                                                   (kind && strcmp(kind, ES_KIND_STATS) == 0));
            return school_year ? year : last;
        }
        if (year_mark_len(title + at + n, len - at - n) > 0)
            return year;
    }
    return es_period_end_in(title, len);
}

/* Headings near the top that name a five-year period with what they say
 * of it (“十四五”发展规划, 回顾:“十三五”时期): the period's last year. */
static const char *const PERIOD_HEADING_WORDS[] = { "规划", "指标", "回顾", "时期", "期间", "成就" };
#define PERIOD_HEADING_MAX_CHARS 40

int es_year_of_period_heading(const char *text, size_t len)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES, pos = 0;
    meta_line l;
    while (meta_line_next(text, head, &pos, &l)) {
        if (l.len == 0 || es_u8_count(l.s, l.len) > PERIOD_HEADING_MAX_CHARS)
            continue;
        int end = es_period_end_in(l.s, l.len);
        for (size_t i = 0; end && i < COUNT(PERIOD_HEADING_WORDS); i++)
            if (meta_find(l.s, l.len, PERIOD_HEADING_WORDS[i]))
                return end;
    }
    return 0;
}

/* Does the year at text[at] end a range (2020-2022年, 2011年至2015年)?
 * A year must stand before the mark: 截至2015年底 and 到2025年 name a
 * moment, not the end of a span. */
static int ends_range(const char *text, size_t at)
{
    size_t start = at;
    size_t n;
    while (start > 0 && (n = es_blank_len(text + start - 1, 1)) > 0)
        start--;
    for (size_t i = 0; i < COUNT(range_marks); i++) {
        size_t w = strlen(range_marks[i]);
        if (start < w || memcmp(text + start - w, range_marks[i], w) != 0)
            continue;
        size_t before = start - w;
        size_t mark = strlen("年");
        if (before >= mark && memcmp(text + before - mark, "年", mark) == 0)
            before -= mark;
        while (before > 0 && es_blank_len(text + before - 1, 1) > 0)
            before--;
        return before > 0 && text[before - 1] >= '0' && text[before - 1] <= '9';
    }
    return 0;
}

/* Does the year at text[at] (n bytes) start a range (2020-2022年,
 * 2011年至2015年)? */
static int starts_range(const char *text, size_t len, size_t at, size_t n)
{
    n += year_mark_len(text + at + n, len - at - n);
    size_t mark = starts_any(text + at + n, len - at - n, range_marks, COUNT(range_marks));
    int year;
    return mark > 0 && read_year(text + at + n + mark, len - at - n - mark, &year) > 0;
}

/* Words after a year that make it the start of what goes on since
 * (2012年以来, 2014年起), not the year reported on. */
static const char *const SINCE_WORDS[] = { "以来", "起", "至今", "开始" };
/* Words after a year that make it the year something happened once
 * (2018年成功创建, 2016年被评为, 2021年被定为): an event told, not the year
 * reported on. */
static const char *const EVENT_WORDS[] = { "成功", "被", "获评", "荣获", "入选" };
/* Words before a year that make it an occasion (值此2023年新春佳节之际). */
static const char *const OCCASION_WORDS[] = { "值此", "在此" };

/* Whether text[at] lies inside 《》: another document's title. */
static int inside_title_marks(const char *text, size_t at)
{
    size_t from = at > ES_META_HEAD_BYTES ? at - ES_META_HEAD_BYTES : 0;
    const char *open = NULL;
    for (const char *p = meta_find(text + from, at - from, "《"); p; p = meta_find(p + 3, at - (size_t)(p + 3 - text), "《"))
        open = p;
    return open && !meta_find(open, at - (size_t)(open - text), "》");
}

/* A year that names what it is about: 2021年, 2021年度; not a date
 * (2022年3月10日, 2020年6月), an end of a range or its start (2020-2022年),
 * the start of what goes on since (2012年以来), an occasion, or a year in
 * another document's title (《…（2020-2022年）》). */
static int counts_as_year(const char *text, size_t len, size_t at, size_t n)
{
    if (ends_range(text, at) || starts_range(text, len, at, n))
        return 0;
    const char *after = text + at + n;
    size_t after_len = len - at - n;
    size_t mark = year_mark_len(after, after_len);
    if (mark == 0)
        return 0;
    int month;
    size_t m = read_number(after + mark, after_len - mark, 2, &month);
    if (m > 0 && meta_starts(after + mark + m, after_len - mark - m, "月"))
        return 0;
    if (starts_any(after + mark, after_len - mark, SINCE_WORDS, COUNT(SINCE_WORDS)) ||
        starts_any(after + mark, after_len - mark, EVENT_WORDS, COUNT(EVENT_WORDS)))
        return 0;
    for (size_t i = 0; i < COUNT(OCCASION_WORDS); i++) {
        size_t w = strlen(OCCASION_WORDS[i]);
        if (at >= w && memcmp(text + at - w, OCCASION_WORDS[i], w) == 0)
            return 0;
    }
    return !inside_title_marks(text, at);
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

/* Whether s starts with a time of day (17:37, 9:05:26). */
static int starts_with_time(const char *s, size_t len)
{
    int hour, minute;
    size_t h = read_number(s, len, 2, &hour);
    if (h == 0 || h >= len || s[h] != ':' || hour > 23)
        return 0;
    size_t m = read_number(s + h + 1, len - h - 1, 2, &minute);
    return m > 0 && minute < 60;
}

/* How many lines from the top a page's time stamp may stand on. */
#define STAMP_LINES 6

/* A line near the top opening with a date and a time of day (2025-10-22
 * 17:37:26 来源:…): when the page was put out. */
static char *stamped_date(const char *text, size_t len)
{
    size_t pos = 0, lines = 0;
    meta_line l;
    while (lines++ < STAMP_LINES && meta_line_next(text, len, &pos, &l)) {
        int y, m, d;
        size_t n = es_meta_parse_date(l.s, l.len, &y, &m, &d);
        if (n == 0)
            continue;
        n += es_blank_len(l.s + n, l.len - n);
        if (starts_with_time(l.s + n, l.len - n))
            return es_meta_iso_date(y, m, d);
    }
    return NULL;
}

char *es_infer_issued(const char *text, size_t len)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES;
    char *date = labelled_date(text, head);
    if (!date)
        date = signature_date(text, len);
    return date ? date : stamped_date(text, head);
}

/* How many lines from the top, or after the title, a dateline may stand on. */
#define DATELINE_LINES 12
#define DATELINE_AFTER_TITLE 4

int es_year_of_dateline(const char *text, size_t len, size_t title_end)
{
    size_t pos = title_end, lines = title_end ? DATELINE_LINES - DATELINE_AFTER_TITLE : 0;
    meta_line l;
    while (lines++ < DATELINE_LINES && meta_line_next(text, len, &pos, &l)) {
        const char *s = l.s;
        size_t n = l.len;
        if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
            s++;
            n -= 2;
        }
        int y, m, d;
        if (n > 0 && es_meta_parse_date(s, n, &y, &m, &d) == n)
            return y;
    }
    return 0;
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
