/* Metric phrases. A clause reads either "metric + link verb + quantity"
 * (普惠性幼儿园覆盖率达92.81%) or "verb + quantity + object" (新增5所省健康
 * 促进金牌学校) or "quantity + subject + predicate" (34所幼儿园完成治理任务).
 * The metric is what is left of the words around the quantity once clause
 * openers, years, link verbs, comparators and rank words are taken off. */
#include "metric_phrase.h"

#include "compare.h"

#include "edushell/base/common.h"
#include "edushell/base/uchar.h"

#include <stdlib.h>
#include <string.h>

/* Longest metric read before or after a quantity, in characters. */
#define MAX_PREFIX_CHARS 24
#define MAX_OBJECT_CHARS 16
/* How far an object is looked for, past modifiers ending in 的. */
#define MAX_OBJECT_READ 40
/* A metric this short (经济) needs its change verb (经济增长); GDP does not. */
#define VAGUE_CHARS 2
/* A rest this short (数量, 金牌数) only qualifies the previous metric. */
#define QUALIFIER_BYTES 9
/* A lead verb further into a metric than this is not its opening verb;
 * lead verbs closer together than this form one chain (完成新建、改扩建). */
#define MAX_LEAD_OFFSET 6
/* A prize this short (银牌, 二等奖, 优秀奖) names no event of its own. */
#define BARE_AWARD_BYTES 12
/* An object this short is read on through its predicate. */
#define SHORT_OBJECT_BYTES 6

typedef struct range {
    size_t start, end;
} range;

/* Length of a year (2021年, 2021年度) at text[at], or 0. */
static size_t year_len(const char *text, size_t at, size_t end)
{
    size_t p = at, digits = 0;
    while (p < end && es_is_digit(text[p]))
        p++, digits++;
    if (digits != 4 || end - p < 3 || memcmp(text + p, "年", 3) != 0)
        return 0;
    p += 3;
    if (end - p >= 3 && memcmp(text + p, "度", 3) == 0)
        p += 3;
    return p - at;
}

/* Length of 有 or 含 opening text[r] as a verb (全区有|各类学校, (含|2所九年
 * 一贯制学校)), or 0: not as the first character of a word (有效, 有关,
 * 含量), nor before a clause that ends in 的 (有课后服务需求的学生). */
static size_t existential_len(const char *text, range r)
{
    static const char *const verbs[] = { "有", "含" };
    size_t open = r.start < r.end && text[r.start] == '(';   /* (含2所…) */
    r.start += open;
    static const char *const words[] = { "效", "关", "序", "力", "机", "色", "线", "害", "益", "利", "名", "量", "金", "组" };
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++) {
        if (r.end - r.start < 3 || memcmp(text + r.start, verbs[k], 3) != 0)
            continue;
        if (r.end - r.start == 3)
            return open + 3;
        for (size_t w = 0; w < sizeof words / sizeof *words; w++)
            if (memcmp(text + r.start + 3, words[w], 3) == 0)
                return 0;
        for (size_t at = r.start + 3; at + 3 <= r.end; at += es_u8_len(text + at))
            if (memcmp(text + at, "的", 3) == 0)
                return 0;
        return open + 3;
    }
    return 0;
}

/* Length of a span of years opening text[at, end) (10年来, 五年以来,
 * 十年来, 三年共, 五年累计), or 0: the time a figure covers, not what it
 * measures. */
static size_t years_since_len(const char *text, size_t at, size_t end)
{
    size_t p = at;
    while (p < end && (es_is_digit(text[p]) ||
                       ((unsigned char)text[p] >= 0x80 && es_is_cn_numeral(es_u8_cp(text + p)))))
        p += es_u8_len(text + p);
    if (p == at || end - p < 3 || memcmp(text + p, "年", 3) != 0)
        return 0;
    p += 3;
    static const char *const since[] = { "以来", "来", "累计", "共" };
    for (size_t k = 0; k < sizeof since / sizeof *since; k++) {
        size_t n = strlen(since[k]);
        if (end - p >= n && memcmp(text + p, since[k], n) == 0)
            return p + n - at;
    }
    return 0;
}

/* Length of a trailing span of time (连续三年, 五年, 连续4年, 连续11个季度)
 * ending at r.end, or 0: it says how long a figure held, not what it
 * measures. */
static size_t run_of_years_len(const vocab *v, const char *text, range r)
{
    static const char lianxu[] = "连续";
    const vocab_word *unit = vocab_match_before(v, ROLE_DURATION, text, r.start, r.end);
    if (!unit || r.end - r.start <= unit->len)
        return 0;
    size_t at = r.end - unit->len;
    int digits = 0;
    while (at > r.start) {
        size_t p = es_u8_prev(text, r.start, at);
        if (es_is_digit(text[p]))
            digits++;
        else if (!es_is_cn_numeral(es_u8_cp(text + p)) && memcmp(text + p, "多", 3) != 0)
            break;
        at = p;
    }
    /* Four digits make a calendar year, which trim leaves to append_without_years. */
    if (at == r.end - unit->len || digits >= 4)
        return 0;
    if (at - r.start >= 6 && memcmp(text + at - 6, lianxu, 6) == 0)
        at -= 6;
    return r.end - at;
}

/* Length of a calendar year, with the 的 after it, ending r (人均地区生产
 * 总值从|2020年的|10.5万元): when the figure held, not what it measures. */
static size_t trailing_year_len(const char *text, range r)
{
    size_t end = r.end;
    if (end - r.start >= 3 && memcmp(text + end - 3, "的", 3) == 0)
        end -= 3;
    if (end - r.start < 7 || memcmp(text + end - 3, "年", 3) != 0)
        return 0;
    size_t y = end - 7;
    if (y > r.start && es_is_digit(text[y - 1]))
        return 0;
    return year_len(text, y, end) == 7 ? r.end - y : 0;
}

/* Length of a list marker opening r (一是, 二是), or 0. */
static size_t list_marker_len(const char *text, range r)
{
    size_t at = r.start;
    while (at < r.end && ((unsigned char)text[at] & 0x80) && es_is_cn_numeral(es_u8_cp(text + at)))
        at += es_u8_len(text + at);
    if (at == r.start || r.end - at < 3 || memcmp(text + at, "是", 3) != 0)
        return 0;
    return at + 3 - r.start;
}

static range trim(const vocab *v, const char *text, range r)
{
    for (int changed = 1; changed && r.start < r.end;) {
        changed = 0;
        while (r.start < r.end && text[r.start] == ' ')
            r.start++, changed = 1;
        while (r.end > r.start && text[r.end - 1] == ' ')
            r.end--, changed = 1;
        const vocab_word *w;
        size_t y = year_len(text, r.start, r.end), marker = list_marker_len(text, r);
        if (!y)
            y = years_since_len(text, r.start, r.end);
        if (y || marker) {
            r.start += y ? y : marker;
            changed = 1;
        } else if ((w = vocab_match_at(v, ROLE_FILLER, text, r.start, r.end)) != NULL) {
            r.start += w->len;
            changed = 1;
        }
        /* Tail words first; then the base of a comparison (较“十二五”末|
         * 提高了), which is no part of what is measured; spans of time once
         * none is left (a changed range is looked at again). */
        size_t years, base;
        int base_year;
        if ((w = vocab_match_before(v, ROLE_TAIL, text, r.start, r.end)) != NULL) {
            r.end -= w->len;
            changed = 1;
        } else if ((base = compare_base_before(v, text, r.start, r.end, &base_year)) != (size_t)-1) {
            r.end = base;
            changed = 1;
        } else if ((years = run_of_years_len(v, text, r)) != 0 || (years = trailing_year_len(text, r)) != 0) {
            r.end -= years;
            changed = 1;
        }
    }
    return r;
}

/* Whether text[at] lies inside a quotation opened after `start`. */
static int inside_quotes(const char *text, size_t start, size_t at)
{
    static const char open[] = "“", close[] = "”";
    int depth = 0;
    for (size_t p = start; p + 3 <= at; p += es_u8_len(text + p)) {
        if (memcmp(text + p, open, 3) == 0)
            depth++;
        else if (memcmp(text + p, close, 3) == 0 && depth > 0)
            depth--;
    }
    return depth > 0;
}

/* For a rank the metric stops where the field begins: 办学水平|全国本科高校第362位. */
static range cut_at_scope(const vocab *v, const char *text, range r)
{
    size_t cut = (size_t)-1, at = r.start;
    const vocab_word *w;
    while (at < r.end) {
        size_t hit = vocab_find(v, ROLE_SCOPE, text, at, r.end, &w);
        if (hit == (size_t)-1)
            break;
        if (!inside_quotes(text, r.start, hit))   /* “世界500强” is a name */
            cut = hit;
        at = hit + w->len;
    }
    if (cut != (size_t)-1 && cut > r.start)
        r.end = cut;
    return r;
}

static size_t lead_chain_end(const vocab *v, const char *text, size_t start, size_t end);
static size_t count_chars(const char *s, size_t n);

static const char *const conjunctions[] = { "和", "及", "与", "或", "、" };

/* Right after a previous quantity, the words up to a conjunction are that
 * quantity's object: 9个一等奖和|31个二等奖. */
static size_t after_conjunction(const char *text, size_t start, size_t end)
{
    for (size_t at = start; at < end; at += es_u8_len(text + at))
        for (size_t k = 0; k < sizeof conjunctions / sizeof *conjunctions; k++)
            if (end - at >= 3 && memcmp(text + at, conjunctions[k], 3) == 0)
                return at + 3;
    return start;
}

/* The clause before the quantity, limited to its last characters. */
/* Start of the bracket closed by the ')' at text[at], not before `start`,
 * or `at` when none opens it. */
static size_t bracket_open(const char *text, size_t start, size_t at)
{
    int depth = 0;
    for (size_t p = at + 1; p > start;) {
        p--;
        if (text[p] == ')')
            depth++;
        else if (text[p] == '(' && --depth == 0)
            return p;
    }
    return at;
}

/* End of the bracket opened by the '(' at text[at], not past `end`, or
 * `at` when none closes it. */
static size_t bracket_close(const char *text, size_t at, size_t end)
{
    int depth = 0;
    for (size_t p = at; p < end; p++) {
        if (text[p] == '(')
            depth++;
        else if (text[p] == ')' && --depth == 0)
            return p + 1;
    }
    return at;
}

/* Whether the bracket text[open, close) is an aside that is no part of a
 * name: what is included or excluded (含…, 包括…), or a breakdown with
 * figures or a list in it; 研究生学历(学位)比例 keeps its bracket. */
static int is_aside(const char *text, size_t open, size_t close)
{
    static const char *const openers[] = { "含", "包括", "包含", "不含", "其中", "即" };
    for (size_t k = 0; k < sizeof openers / sizeof *openers; k++)
        if (close - open > 1 + strlen(openers[k]) && memcmp(text + open + 1, openers[k], strlen(openers[k])) == 0)
            return 1;
    for (size_t p = open + 1; p + 1 < close; p++)
        if (es_is_digit(text[p]) || text[p] == ',' || (close - p > 3 && memcmp(text + p, "、", 3) == 0))
            return 1;
    return 0;
}

/* What follows a condition (全部投入使用后|可|增加学位): the measure starts
 * at the verb after the last 可 that comes before one. */
static range after_condition(const vocab *v, const char *text, range r)
{
    static const char can[] = "可";
    for (size_t at = r.end; at > r.start;) {
        at = es_u8_prev(text, r.start, at);
        if (at > r.start && r.end - at > 3 && memcmp(text + at, can, 3) == 0 &&
            (vocab_match_at(v, ROLE_CHANGE, text, at + 3, r.end) || vocab_match_at(v, ROLE_LEAD, text, at + 3, r.end))) {
            r.start = at + 3;
            break;
        }
    }
    return r;
}

static range prefix_range(const vocab *v, const metric_ctx *m, const quantity *q)
{
    size_t end = q->pre_start < q->span_start ? q->pre_start : q->span_start;
    if (m->prefix_end && m->prefix_end < end)
        end = m->prefix_end;
    size_t start = end;
    /* A bracket (含随班就读、中小学校送教上门学生) counts as no character:
     * an aside between a metric and its figure does not push the metric
     * out of reach. */
    for (int chars = 0; start > m->clause_start && chars < MAX_PREFIX_CHARS; chars++) {
        start = es_u8_prev(m->text, m->clause_start, start);
        if (m->text[start] == ')')
            start = bracket_open(m->text, m->clause_start, start);
    }
    if (m->after_previous)
        start = after_conjunction(m->text, start, end);
    range r = trim(v, m->text, (range){ start, end });
    r = after_condition(v, m->text, r);
    /* 经济增长5%: a one- or two-character rest is too vague without its
     * change verb. */
    const vocab_word *verb;
    if (r.end > r.start && r.end - r.start <= VAGUE_CHARS * 4 &&
        count_chars(m->text + r.start, r.end - r.start) <= VAGUE_CHARS &&
        (verb = vocab_match_at(v, ROLE_CHANGE, m->text, r.end, end)) != NULL)
        r.end += verb->len;
    if (m->rank)
        r = trim(v, m->text, cut_at_scope(v, m->text, r));
    if (m->field_only)
        r.start = r.end;
    /* 无锡机电高职等5所学校: names given as examples are not the metric;
     * a verb opening them is (竣工投用|实验小学、港城校区等11个项目). */
    if (r.end - r.start >= 3 && memcmp(m->text + r.end - 3, "等", 3) == 0)
        r.end = lead_chain_end(v, m->text, r.start, r.end);
    return r;
}

/* Whether text[at] begins a verb that ends an object: one that starts the
 * next clause (赴, 获评) or introduces another figure (提升至, 增长). */
static int ends_object(const vocab *v, const char *text, size_t at, size_t end)
{
    unsigned key = vocab_key(text, at, end);
    if (!vocab_may_start(v, ROLE_STOP, key) && !vocab_may_start(v, ROLE_CHANGE, key) &&
        !vocab_may_start(v, ROLE_LINK, key))
        return 0;
    if (vocab_match_at(v, ROLE_STOP, text, at, end) || vocab_match_at(v, ROLE_CHANGE, text, at, end))
        return 1;
    const vocab_word *w = vocab_match_at(v, ROLE_LINK, text, at, end);
    return w && w->len >= 6;   /* one-character links (为, 有) are too often inside nouns */
}

/* The words after the quantity: its object or its subject's predicate. */
static range object_range(const vocab *v, const metric_ctx *m, const quantity *q, int stop_at_verbs)
{
    const char *t = m->text;
    size_t at = q->end, end = m->clause_end;
    /* 191所(含2所九年一贯制学校)义务教育学校: the object follows the aside. */
    if (at < end && t[at] == '(')
        at = bracket_close(t, at, end);
    if (end - at >= 3 && memcmp(t + at, "的", 3) == 0)
        at += 3;
    range r = { at, at };
    for (int read = 0; r.end < end && read < MAX_OBJECT_READ; read++) {
        if (es_clause_mark_len(t, r.end, end) || t[r.end] == ')')
            break;
        /* A bracket inside the object (学校(校区)智慧技防校园) is read
         * over; an aside ends it. */
        if (t[r.end] == '(') {
            size_t close = bracket_close(t, r.end, end);
            if (close == r.end || is_aside(t, r.end, close))
                break;
            r.end = close;
            continue;
        }
        /* In 具备资格证的兼职心理教师 the head noun follows 的. */
        if (stop_at_verbs && r.end > r.start && end - r.end > 3 && memcmp(t + r.end, "的", 3) == 0) {
            r.start = r.end = r.end + 3;
            continue;
        }
        size_t y = year_len(t, r.end, end);
        if (y) {
            r.end += y;
            continue;
        }
        if (es_is_digit(t[r.end])) {
            /* Another figure ends the object (14名同志和9个党组织); figures
             * opening it are a label (80后校级领导干部). */
            if (r.end > r.start)
                break;
            size_t digits = r.end;
            while (digits < end && es_is_digit(t[digits]))
                digits++;
            const vocab_word *unit = vocab_match_at(v, ROLE_UNIT, t, digits, end);
            if ((digits < end && t[digits] == '.') ||
                (unit && (digits + unit->len >= end || es_clause_mark_len(t, digits + unit->len, end))))
                break;   /* a fraction, or a figure ending its clause (以上的|45所,): no label */
            r.end = digits;
            continue;
        }
        if (stop_at_verbs && ends_object(v, t, r.end, end)) {
            /* A one- or two-character object (江南大学15个专业入选...) names
             * too little: its predicate says what was counted. */
            if (r.end == r.start || r.end - r.start > SHORT_OBJECT_BYTES)
                break;
            stop_at_verbs = 0;
        }
        r.end += es_u8_len(t + r.end);
    }
    /* Past its first characters an object is a clause of its own. */
    size_t cut = r.start;
    for (int chars = 0; cut < r.end && chars < MAX_OBJECT_CHARS; chars++)
        cut += es_u8_len(t + cut);
    r.end = cut;
    while (r.end > r.start && t[r.end - 1] == ' ')
        r.end--;
    while (r.start < r.end && t[r.start] == ' ')
        r.start++;
    /* A conjunction left dangling before the next figure is not metric. */
    for (size_t k = 0; k < sizeof conjunctions / sizeof *conjunctions; k++)
        if (r.end - r.start > 3 && memcmp(t + r.end - 3, conjunctions[k], 3) == 0)
            r.end -= 3;
    return r;
}

/* Appends text[r] without the years in it (完成2021年度教师招聘工作),
 * without asides in brackets, and without a bracket left open or closed
 * at its ends. */
static void append_without_years(es_buf *out, const char *text, range r)
{
    while (r.start < r.end && (text[r.start] == '(' || text[r.start] == ')'))
        r.start++;
    while (r.end > r.start && (text[r.end - 1] == '(' || text[r.end - 1] == ')') &&
           (text[r.end - 1] == '(' || bracket_open(text, r.start, r.end - 1) == r.end - 1))
        r.end--;
    size_t at = r.start, run = r.start;
    while (at < r.end) {
        if (text[at] == '(') {
            size_t close = bracket_close(text, at, r.end);
            if (close > at && is_aside(text, at, close)) {
                es_buf_append(out, text + run, at - run);
                at = run = close;
                continue;
            }
        }
        size_t y = es_is_digit(text[at]) && (at == r.start || !es_is_digit(text[at - 1]))
                       ? year_len(text, at, r.end) : 0;
        if (!y) {
            at++;
            continue;
        }
        es_buf_append(out, text + run, at - run);
        at += y;
        run = at;
    }
    es_buf_append(out, text + run, r.end - run);
}

static int starts_with_lead(const vocab *v, const char *text, range r)
{
    return vocab_match_at(v, ROLE_LEAD, text, r.start, r.end) != NULL;
}

static char *take_prefix(const metric_ctx *m, range prefix)
{
    if (prefix.end == prefix.start)
        return m->list_prefix ? es_xstrdup(m->list_prefix) : NULL;
    es_buf out = { 0 };
    append_without_years(&out, m->text, prefix);
    return es_buf_take(&out, NULL);
}

/* Whether text[r] ends in 率: a rate of the whole (开工率), no part of it. */
static int ends_in_rate(const char *text, range r)
{
    return r.end - r.start >= 3 && memcmp(text + r.end - 3, "率", 3) == 0;
}

static char *compose(const vocab *v, const metric_ctx *m, range prefix, range object)
{
    int has_prefix = prefix.end > prefix.start, has_object = object.end > object.start;
    es_buf out = { 0 };
    if (m->same_as_previous && m->previous) {
        es_buf_puts(&out, m->previous);
        return es_buf_take(&out, NULL);
    }
    if (!has_prefix && !has_object) {
        es_buf_puts(&out, m->previous ? m->previous : "");
        return es_buf_take(&out, NULL);
    }
    int qualifier = m->qualifies_previous ||
                    vocab_match_at(v, ROLE_QUALIFIER, m->text, prefix.start, prefix.end) != NULL;
    if (!has_object && m->previous && qualifier && prefix.end - prefix.start <= QUALIFIER_BYTES) {
        /* 多媒体教室数量9484间，覆盖率73%: the rate of 多媒体教室, not of its 数量. */
        size_t keep = strlen(m->previous);
        const vocab_word *own = vocab_match_before(v, ROLE_QUALIFIER, m->previous, 0, keep);
        if (own && own->len < keep && vocab_match_at(v, ROLE_QUALIFIER, m->text, prefix.start, prefix.end))
            keep -= own->len;
        es_buf_append(&out, m->previous, keep);
        es_buf_append(&out, m->text + prefix.start, prefix.end - prefix.start);
        return es_buf_take(&out, NULL);
    }
    /* 承办建议提案75件，其中主办45件: a part of the figure before; a part
     * that names a school of its own (其中初级中学22所) is whole. */
    if (m->base && !has_object && prefix.end - prefix.start <= QUALIFIER_BYTES &&
        !vocab_match_before(v, ROLE_LEVEL, m->text, prefix.start, prefix.end) && !ends_in_rate(m->text, prefix)) {
        append_without_years(&out, m->text, prefix);
        es_buf_puts(&out, m->base);
        return es_buf_take(&out, NULL);
    }
    if (!has_prefix && m->list_prefix)
        es_buf_puts(&out, m->list_prefix);
    else if (m->lead && !starts_with_lead(v, m->text, has_prefix ? prefix : object))
        es_buf_puts(&out, m->lead);
    append_without_years(&out, m->text, prefix);
    append_without_years(&out, m->text, object);
    return es_buf_take(&out, NULL);
}

char *metric_phrase(const vocab *v, const metric_ctx *m, const quantity *q, char **prefix_out)
{
    range prefix = prefix_range(v, m, q);
    range object = object_range(v, m, q, prefix.end > prefix.start);
    if (prefix_out)
        *prefix_out = take_prefix(m, prefix);
    char *metric = compose(v, m, prefix, object);
    size_t verb = existential_len(metric, (range){ 0, strlen(metric) });
    if (verb && metric[verb])
        memmove(metric, metric + verb, strlen(metric + verb) + 1);
    return metric;
}

/* End of the chain of lead verbs opening text[start, end) (完成新建、改扩建
 * of 完成新建、改扩建幼儿园), or `start` when none opens it. */
static size_t lead_chain_end(const vocab *v, const char *text, size_t start, size_t end)
{
    size_t chain = start, from = start;
    for (;;) {
        size_t found = (size_t)-1, limit = from + MAX_LEAD_OFFSET + 1 < end ? from + MAX_LEAD_OFFSET + 1 : end;
        const vocab_word *w = NULL;
        for (size_t at = from; at < limit; at += es_u8_len(text + at))
            if ((w = vocab_match_at(v, ROLE_LEAD, text, at, end)) != NULL) {
                found = at;
                break;
            }
        if (found == (size_t)-1)
            return chain;
        chain = from = found + w->len;
    }
}

char *metric_lead(const vocab *v, const char *metric)
{
    size_t len = strlen(metric), chain = lead_chain_end(v, metric, 0, len);
    return chain > 0 && chain < len ? es_xstrndup(metric, chain) : NULL;
}

char *metric_head(const vocab *v, const char *metric)
{
    size_t len = strlen(metric), chain = lead_chain_end(v, metric, 0, len);
    return es_xstrdup(chain < len ? metric + chain : metric);
}

static size_t count_chars(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t at = 0; at < n; at += es_u8_len(s + at))
        chars++;
    return chars;
}

static size_t skip_chars(const char *s, size_t n, size_t chars)
{
    size_t at = 0;
    while (at < n && chars-- > 0)
        at += es_u8_len(s + at);
    return at;
}

/* Whether the conjunction at text[at] belongs to a word (普及率, 参与,
 * 和美乡村) rather than joining two items. */
static int inside_word(const vocab *v, const char *text, range r, size_t at)
{
    return vocab_match_before(v, ROLE_CONJ_WORD, text, r.start, at + 3) != NULL ||
           vocab_match_at(v, ROLE_CONJ_WORD, text, at, r.end) != NULL;
}

/* Splits text[r] at enumeration commas and conjunctions. */
static size_t split_items(const vocab *v, const char *text, range r, range *items, size_t max)
{
    size_t n = 0, start = r.start;
    for (size_t at = r.start; at < r.end && n + 1 < max; at += es_u8_len(text + at))
        for (size_t k = 0; k < sizeof conjunctions / sizeof *conjunctions; k++)
            if (r.end - at >= 3 && memcmp(text + at, conjunctions[k], 3) == 0 && !inside_word(v, text, r, at)) {
                items[n++] = (range){ start, at };
                start = at + 3;
                break;
            }
    items[n++] = (range){ start, r.end };
    return n;
}

#define MAX_RESPECTIVE 8
/* How far past a cut by length the head of a 分别 list may begin. */
#define HEAD_SLACK_CHARS 2

static size_t max_chars_before_last(const char *text, const range *items, size_t n)
{
    size_t most = 0;
    for (size_t k = 0; k + 1 < n; k++) {
        size_t c = count_chars(text + items[k].start, items[k].end - items[k].start);
        most = c > most ? c : most;
    }
    return most;
}

/* Where the head the items share begins in the last one (城镇、农村|居民
 * 收入, 集成电路、汽车零配件、锂电池|出口), or its end when they share none.
 * Items that end alike (起数、死亡人数) are whole metrics each. A known
 * head noun ending the last item is the head; else the last item's words
 * past the length of the longest other item are. */
static size_t shared_head(const vocab *v, const char *text, const range *items, size_t n)
{
    range last = items[n - 1];
    if (last.end <= last.start)
        return last.end;
    size_t tail = es_u8_prev(text, last.start, last.end);
    int alike = 1;
    for (size_t k = 0; k + 1 < n && alike; k++)
        alike = items[k].end - items[k].start >= last.end - tail &&
                memcmp(text + items[k].end - (last.end - tail), text + tail, last.end - tail) == 0;
    if (alike)
        return last.end;
    const vocab_word *head = vocab_match_before(v, ROLE_HEAD, text, last.start, last.end);
    if (head && head->len < last.end - last.start)
        return last.end - head->len;
    size_t at = last.start + skip_chars(text + last.start, last.end - last.start, max_chars_before_last(text, items, n));
    /* Items differ in length by a character or two: a head noun starting
     * just after the cut begins the head (高技术制造业、装备制造业|增加值占...比重). */
    size_t from = at;
    for (int chars = 0; chars <= HEAD_SLACK_CHARS && from < last.end; chars++, from += es_u8_len(text + from))
        if (vocab_match_at(v, ROLE_HEAD, text, from, last.end))
            return from;
    return at;
}

/* Whether an item and the last one are each a whole metric, both ending
 * in a head noun (接待游客人次、旅游总花费), so that none is shared. */
static int whole_metrics(const vocab *v, const char *text, range item, size_t head_at, size_t end)
{
    return vocab_match_before(v, ROLE_HEAD, text, item.start, item.end) && vocab_match_at(v, ROLE_HEAD, text, head_at, end);
}

/* Appends the shared head to an item, without the words of it the item
 * already ends in (六大优势产业 + 产业增加值). */
static void append_head(es_buf *b, const char *text, range item, range head)
{
    size_t overlap = 0;
    for (size_t k = head.start; k < head.end; k += es_u8_len(text + k)) {
        size_t len = k + es_u8_len(text + k) - head.start;
        if (len <= item.end - item.start && memcmp(text + item.end - len, text + head.start, len) == 0)
            overlap = len;
    }
    es_buf_append(b, text + head.start + overlap, head.end - head.start - overlap);
}

/* How many figures a 分别 list gives: one more than the separators
 * between text[from] and the clause's end (分别为84%、99%和47%: 3). */
static size_t figures_listed(const char *text, size_t from, size_t end)
{
    size_t n = 1;
    for (size_t at = from; at < end; at += es_u8_len(text + at)) {
        size_t mark = es_clause_mark_len(text, at, end);
        if (mark && mark != 3)
            break;   /* , ; : and the like end the clause; 、 separates its figures */
        if (mark == 3 && memcmp(text + at, "、", 3) != 0)
            break;
        for (size_t k = 0; k < sizeof conjunctions / sizeof *conjunctions; k++)
            if (end - at >= 3 && memcmp(text + at, conjunctions[k], 3) == 0) {
                n++;
                break;
            }
    }
    return n;
}

/* Where the clause before the one starting at `clause` begins, or
 * (size_t)-1 when none does in the sentence or it holds a figure: items
 * of a 分别 list may run over clauses of bare names (学前教育毛入园率,
 * 小学净入学率, 初中、高中毛入学率分别为…). */
static size_t names_clause_before(const char *text, size_t sentence_start, size_t clause, size_t *end)
{
    size_t at = clause;
    if (at <= sentence_start)
        return (size_t)-1;
    size_t mark = at - 1;
    if (text[mark] != ',')
        return (size_t)-1;
    *end = mark;
    size_t start = mark;
    while (start > sentence_start) {
        size_t p = es_u8_prev(text, sentence_start, start);
        if (es_clause_mark_len(text, p, start) && memcmp(text + p, "、", start - p < 3 ? start - p : 3) != 0)
            break;
        if (es_is_digit(text[p]))
            return (size_t)-1;
        start = p;
    }
    return start < mark ? start : (size_t)-1;
}

/* Where 分别 stands in the quantity's clause before it ((size_t)-1 when
 * it does not), the word in *w. */
static size_t respective_at(const vocab *v, const metric_ctx *m, const quantity *q, const vocab_word **w)
{
    size_t end = q->pre_start < q->span_start ? q->pre_start : q->span_start;
    return vocab_find(v, ROLE_RESPECTIVE, m->text, m->clause_start, end, w);
}

size_t metric_respective(const vocab *v, const metric_ctx *m, const quantity *q, char ***out)
{
    const vocab_word *w;
    size_t at = respective_at(v, m, q, &w);
    if (at == (size_t)-1)
        return 0;
    range subject = trim(v, m->text, (range){ m->clause_start, at });
    range items[MAX_RESPECTIVE];
    size_t n = split_items(v, m->text, subject, items, MAX_RESPECTIVE);
    if (subject.end <= subject.start)
        return 0;
    /* Fewer names than figures: the clauses of bare names before it name
     * the first ones, each whole. */
    size_t want = figures_listed(m->text, at + w->len, m->sentence_end), before = 0;
    range earlier[MAX_RESPECTIVE];
    for (size_t clause = m->clause_start, stop; n + before < want && before < MAX_RESPECTIVE;) {
        size_t start = names_clause_before(m->text, m->sentence_start, clause, &stop);
        if (start == (size_t)-1)
            break;
        range more[MAX_RESPECTIVE];
        size_t k = split_items(v, m->text, trim(v, m->text, (range){ start, stop }), more, MAX_RESPECTIVE);
        if (before + k > MAX_RESPECTIVE)
            break;
        memmove(earlier + k, earlier, before * sizeof *earlier);
        memcpy(earlier, more, k * sizeof *more);
        before += k;
        clause = start;
    }
    if (n + before != want)
        before = 0;
    if (n + before < 2)
        return 0;
    size_t head_at = shared_head(v, m->text, items, n);
    range last = items[n - 1];
    char **names = es_xcalloc(before + n, sizeof *names);
    for (size_t k = 0; k < before; k++)
        names[k] = es_xstrndup(m->text + earlier[k].start, earlier[k].end - earlier[k].start);
    for (size_t k = 0; k < n; k++) {
        es_buf b = { 0 };
        es_buf_append(&b, m->text + items[k].start, items[k].end - items[k].start);
        if (k + 1 < n && head_at < last.end && !whole_metrics(v, m->text, items[k], head_at, last.end))
            append_head(&b, m->text, items[k], (range){ head_at, last.end });
        names[before + k] = es_buf_take(&b, NULL);
    }
    *out = names;
    return before + n;
}

size_t respective_figures(const vocab *v, const metric_ctx *m, const quantity *q)
{
    const vocab_word *w;
    size_t at = respective_at(v, m, q, &w);
    return at == (size_t)-1 ? 0 : figures_listed(m->text, at + w->len, m->sentence_end);
}

int respective_of_before(const vocab *v, const metric_ctx *m, const quantity *q)
{
    const vocab_word *w;
    size_t at = respective_at(v, m, q, &w);
    if (at == (size_t)-1)
        return 0;
    range subject = trim(v, m->text, (range){ m->clause_start, at });
    return subject.end <= subject.start;
}

/* The event named last before the quantity's clause, from the verb that
 * brings it in (参加, 在) to its last word (大赛); empty when none. */
static range event_before(const vocab *v, const metric_ctx *m)
{
    const vocab_word *event, *open_word;
    size_t at = vocab_find_last(v, ROLE_EVENT, m->text, m->sentence_start, m->clause_start, &event);
    if (at == (size_t)-1)
        return (range){ 0, 0 };
    size_t start = at;
    while (start > m->sentence_start) {
        size_t p = es_u8_prev(m->text, m->sentence_start, start);
        if (es_clause_mark_len(m->text, p, start))
            break;
        start = p;
    }
    size_t open = vocab_find_last(v, ROLE_EVENT_OPEN, m->text, start, at, &open_word);
    if (open != (size_t)-1)
        start = open + open_word->len;
    return trim(v, m->text, (range){ start, at + event->len });
}

char *metric_with_event(const vocab *v, const metric_ctx *m, char *metric)
{
    if (m->clause_start <= m->sentence_start)
        return metric;   /* no earlier clause to name the event */
    size_t len = strlen(metric);
    /* 获特等奖, or a bare prize of a list (银牌); a subject before the verb
     * (文艺作品荣获文华奖) names what won it well enough. */
    const vocab_word *verb = vocab_match_at(v, ROLE_AWARD_VERB, metric, 0, len);
    if (!verb && (len > BARE_AWARD_BYTES || !vocab_match_before(v, ROLE_AWARD, metric, 0, len)))
        return metric;
    if (vocab_find(v, ROLE_EVENT, metric, 0, len, NULL) != (size_t)-1)
        return metric;
    range event = event_before(v, m);
    if (event.end <= event.start)
        return metric;
    es_buf out = { 0 };
    append_without_years(&out, m->text, event);
    es_buf_puts(&out, metric + (verb ? verb->len : 0));
    free(metric);
    return es_buf_take(&out, NULL);
}
