/* Recognition of one quantity around a number: what may stand before it,
 * the unit after it, and the shapes that are not quantities at all (dates,
 * codes, labels, ordinals of lists). */
#include "quantity.h"

#include "edushell/extract/number.h"
#include "edushell/base/uchar.h"

#include <stdio.h>
#include <string.h>

static int is_scale_only(const char *s, size_t len)
{
    return len == 3 && (memcmp(s, "万", 3) == 0 || memcmp(s, "亿", 3) == 0 ||
                        memcmp(s, "千", 3) == 0 || memcmp(s, "百", 3) == 0);
}

/* Characters after which a number is part of a code or a label (A3, 5.1.2,
 * 2024-00016, 高三, 初二, 周五). */
static int bad_char_before(const char *text, size_t start, size_t at, int chinese)
{
    if (at <= start)
        return 0;
    char c = text[at - 1];
    if (es_is_alpha(c) || es_is_digit(c) || c == '.' || c == '/' || c == '-' || c == '_' || c == '+')
        return 1;
    if (!chinese)
        return 0;
    size_t p = es_u8_prev(text, start, at);
    int32_t cp = es_u8_cp(text + p);
    return cp == 0x9AD8 /* 高 */ || cp == 0x521D /* 初 */ || cp == 0x5468 /* 周 */ ||
           cp == 0x671F /* 期 */ || cp == 0x661F /* 星 */ || es_is_cn_numeral(cp);
}

/* Codes and plain figures that a number merges into: 014006470, 0510-..., 5G. */
static int bad_shape(const char *text, size_t at, size_t num_end, size_t end)
{
    if (es_is_digit(text[at]) && text[at] == '0' && at + 1 < num_end && es_is_digit(text[at + 1]))
        return 1;
    if (num_end < end) {
        char c = text[num_end];
        if (es_is_alpha(c) || c == '_')
            return 1;
        if ((c == '/' || c == '-' || c == ':' || c == '.') && num_end + 1 < end && es_is_digit(text[num_end + 1]))
            return 1;
    }
    return 0;
}

static size_t skip_spaces(const char *text, size_t at, size_t end)
{
    while (at < end && text[at] == ' ')
        at++;
    return at;
}

/* Past a run of digits, separators and numerals, so that a rejected code is
 * not read again from its middle. */
static size_t skip_number_run(const char *text, size_t at, size_t end)
{
    while (at < end) {
        char c = text[at];
        if (es_is_digit(c) || es_is_alpha(c) || c == '.' || c == '/' || c == '-' || c == ':' || c == ',') {
            at++;
            continue;
        }
        if (((unsigned char)c & 0x80) && es_is_cn_numeral(es_u8_cp(text + at))) {
            at += es_u8_len(text + at);
            continue;
        }
        break;
    }
    return at;
}

static void set_cmp(quantity *q, const char *cmp)
{
    if (strcmp(q->cmp, "=") == 0 && cmp[0]) {
        strncpy(q->cmp, cmp, sizeof q->cmp - 1);
        q->cmp[sizeof q->cmp - 1] = '\0';
    }
}

/* Longest unit word of any class at text[at]; sets *role. */
static const vocab_word *unit_at(const vocab *v, const char *text, size_t at, size_t end, vocab_role *role)
{
    const vocab_word *w = vocab_match_at(v, ROLE_UNIT, text, at, end);
    if (w)
        *role = w->role;
    return w;
}

/* Whether the quantity is a share (1/10, 70%, 七成): what 约占 qualifies. */
static int is_share(const quantity *q)
{
    return q->unit[0] == '\0' || strcmp(q->unit, "%") == 0 || strcmp(q->unit, "成") == 0;
}

/* A comparator that qualifies a link verb (约占全国1/10, 约为全国的70%):
 * it leaves the span alone but gives the cmp. */
static void read_distant_cmp(const vocab *v, const char *text, size_t start, quantity *q)
{
    size_t at = q->span_start;
    if (at - start >= 3 && memcmp(text + at - 3, "的", 3) == 0)
        at -= 3;
    /* The link mostly stands right before the number; the field (全国)
     * between them is rarer and looked for only then. */
    const vocab_word *link = vocab_match_before(v, ROLE_LINK, text, start, at);
    if (!link) {
        const vocab_word *scope = vocab_match_before(v, ROLE_SCOPE, text, start, at);
        if (!scope || !(link = vocab_match_before(v, ROLE_LINK, text, start, at - scope->len)))
            return;
        at -= scope->len;
    }
    at -= link->len;
    /* The comparator opens the link word (约占) or stands before it (约为). */
    const vocab_word *cmp = link->len > 3 ? vocab_match_at(v, ROLE_CMP_SPAN, text, at, at + link->len) : NULL;
    if (!cmp || cmp->len >= link->len)
        cmp = vocab_match_before(v, ROLE_CMP_SPAN, text, start, at);
    if (cmp)
        set_cmp(q, cmp->arg);
}

/* Comparator before the number: 约/近/超 stay in the span, 不少于 not. */
static void read_leading_cmp(const vocab *v, const char *text, size_t start, quantity *q)
{
    const vocab_word *in_span = vocab_match_before(v, ROLE_CMP_SPAN, text, start, q->span_start);
    const vocab_word *outside = vocab_match_before(v, ROLE_CMP_PRE, text, start, q->span_start);
    if (outside && (!in_span || outside->len > in_span->len)) {
        q->pre_start = q->span_start - outside->len;
        set_cmp(q, outside->arg);
    } else if (in_span) {
        q->span_start -= in_span->len;
        q->pre_start = q->span_start;
        set_cmp(q, in_span->arg);
    } else if (strcmp(q->cmp, "=") == 0 && is_share(q)) {
        read_distant_cmp(v, text, start, q);
    }
}

/* An ordinal: 第二, 第2名, 前十. Only a rank word (名, 位, 强) may follow it
 * as part of a rank; any other unit makes it no place (前3个月, 第5批). */
static int read_ordinal(const vocab *v, const char *text, size_t end, size_t num_end, quantity *q)
{
    vocab_role role;
    const vocab_word *rank_word = vocab_match_at(v, ROLE_RANK_UNIT, text, num_end, end);
    const vocab_word *unit = unit_at(v, text, num_end, end, &role);
    if (unit && (!rank_word || unit->len > rank_word->len))
        return 0;
    q->ordinal = 1;
    q->span_end = num_end + (rank_word ? rank_word->len : 0);
    strcpy(q->unit, "位");
    q->end = q->span_end;
    q->ranked_by_word = rank_word != NULL;
    return 1;
}

int quantity_place_marker(const vocab *v, const char *text, size_t start, size_t at,
                          size_t *len, const char **cmp)
{
    if (at < start + 3 || !((unsigned char)text[at - 1] & 0x80))
        return PLACE_NONE;   /* both markers are Chinese words */
    if (memcmp(text + at - 3, "第", 3) == 0) {
        *len = 3;
        *cmp = "=";
        return PLACE_ORDINAL;
    }
    const vocab_word *top = vocab_match_before(v, ROLE_TOP, text, start, at);
    if (!top || !top->arg[0])
        return PLACE_NONE;
    *len = top->len;
    *cmp = top->arg;
    return PLACE_TOP;
}

/* The largest leading group a rank names (前200强). */
#define MAX_TOP_GROUP 1000
#define PLACE_NOT_READ (-1)

/* Reads a number written as a place (第二, 全国前十): 1 when it is one, 0
 * when it is no quantity at all (第5批), PLACE_NOT_READ when the number is
 * to be read as an amount (前1%的学科, 目前5所). */
static int read_place(const vocab *v, const char *text, size_t start, size_t end, size_t at,
                      size_t num_end, quantity *q)
{
    size_t marker;
    const char *place_cmp;
    int place = quantity_place_marker(v, text, start, at, &marker, &place_cmp);
    if (place == PLACE_NONE)
        return PLACE_NOT_READ;
    q->span_start = q->pre_start = at - marker;
    q->top = place == PLACE_TOP;
    /* A leading group has at least two places (前1% is a share, the first
     * place alone is 第一). */
    int group = place == PLACE_ORDINAL ||
                (q->value >= 2 && q->value <= MAX_TOP_GROUP && q->value == (double)(int)q->value);
    if (group && read_ordinal(v, text, end, num_end, q)) {
        set_cmp(q, place_cmp);
        return 1;
    }
    if (place == PLACE_ORDINAL)
        return 0;
    q->top = 0;
    q->span_start = q->pre_start = at;
    return PLACE_NOT_READ;
}

/* Whether a verb that gives a level reached (提高到, 达) stands right
 * before the number, possibly behind a comparator (达到约79岁). */
static int after_level_verb(const vocab *v, const char *text, size_t start, size_t num_start)
{
    const vocab_word *cmp = vocab_match_before(v, ROLE_CMP_SPAN, text, start, num_start);
    size_t at = cmp ? num_start - cmp->len : num_start;
    const vocab_word *link = vocab_match_before(v, ROLE_LINK, text, start, at);
    /* A one-character link may be the tail of a longer word (拥有, 均为);
     * only 达 and 为 are trusted alone. */
    if (link && (link->len > 3 || strcmp(link->text, "达") == 0 || strcmp(link->text, "为") == 0))
        return 1;
    return vocab_match_before(v, ROLE_CHANGE, text, start, at) != NULL;
}

static const char *const unit_range_separators[] = { "-", "~", "—", "至" };

/* A range written with the unit on both bounds (4.5%—5%): returns the end
 * of the upper bound's unit, or `at` when none follows. */
static size_t read_unit_range(const char *text, size_t end, size_t at, const vocab_word *unit, quantity *q)
{
    for (size_t k = 0; k < sizeof unit_range_separators / sizeof *unit_range_separators; k++) {
        size_t sep = strlen(unit_range_separators[k]);
        if (q->has_hi || end - at <= sep || memcmp(text + at, unit_range_separators[k], sep) != 0)
            continue;
        es_number hi;
        size_t from = at + sep;
        if (!es_is_digit(text[from]) || !es_number_parse(text + from, end - from, &hi) || hi.is_range)
            return at;
        size_t hi_end = from + hi.len;
        if (end - hi_end < unit->len || memcmp(text + hi_end, unit->text, unit->len) != 0 || !(hi.value > q->value))
            return at;
        q->value_hi = hi.value;
        q->has_hi = 1;
        return hi_end + unit->len;
    }
    return at;
}

/* Whether the number is written as a Chinese fraction (三分之一). */
static int is_cn_fraction(const char *num_text, size_t num_len)
{
    static const char fen_zhi[] = "分之";
    for (size_t k = 0; k + 6 <= num_len; k++)
        if (memcmp(num_text + k, fen_zhi, 6) == 0)
            return 1;
    return 0;
}

/* Whether the clause before a number in Chinese numerals has a verb that
 * counts (获中学五个组别冠军, 建成两个中心); without one such numbers name
 * things (五个新城, 两个市场, 十条措施). */
static int counted_by_verb(const vocab *v, const char *text, size_t start, size_t at)
{
    size_t from = at;
    while (from > start) {
        size_t p = es_u8_prev(text, start, from);
        if (es_clause_mark_len(text, p, from))
            break;
        from = p;
    }
    if (vocab_match_before(v, ROLE_CMP_SPAN, text, from, at) || vocab_match_before(v, ROLE_CMP_PRE, text, from, at))
        return 1;
    static const vocab_role verbs[] = { ROLE_LEAD, ROLE_STOP, ROLE_CHANGE };
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++) {
        const vocab_word *w;
        size_t hit = vocab_find(v, verbs[k], text, from, at, &w);
        /* 的 ends an object but counts nothing. */
        if (hit != (size_t)-1 && strcmp(w->text, "的") != 0)
            return 1;
    }
    const vocab_word *link = vocab_match_before(v, ROLE_LINK, text, from, at);
    return link && link->len > 3;
}

/* A count of years is below this; a year of the calendar is not. */
#define MAX_YEARS_COUNTED 100
/* A count of years has at most this many decimals. */
#define MAX_YEARS_DECIMALS 2

/* Whether the number at text[num_start] is a count of years: it has a
 * fraction (提升至10.2年), or a measure of years names it earlier in its
 * clause (新增劳动力平均受教育年限达到14年). */
static int counts_years(const vocab *v, const char *text, size_t start, size_t num_start, size_t num_end,
                        double value)
{
    const vocab_word *w;
    if (value >= MAX_YEARS_COUNTED)
        return 0;
    const char *dot = memchr(text + num_start, '.', num_end - num_start);
    if (dot)   /* 10.2年: no year of the calendar has a fraction; 20.2026年 is a note's number and a year */
        return text + num_end - dot - 1 <= MAX_YEARS_DECIMALS;
    size_t at = vocab_find_last(v, ROLE_YEARS_MEASURE, text, start, num_start, &w);
    if (at == (size_t)-1)
        return 0;
    for (size_t p = at + w->len; p < num_start; p += es_u8_len(text + p))
        if (es_clause_mark_len(text, p, num_start))
            return 0;
    return 1;
}

/* Unit, comparators between number and unit (130余个, 10余万人) and after. */
static int read_unit(const vocab *v, const char *text, size_t start, size_t end, size_t num_start,
                     size_t num_end, quantity *q, vocab_role *unit_role)
{
    const char *num_text = text + num_start;
    size_t num_len = num_end - num_start;
    size_t at = num_end;
    int scaled_after = 0;
    const vocab_word *mid = vocab_match_at(v, ROLE_CMP_MID, text, at, end);
    if (mid) {
        at += mid->len;
        set_cmp(q, mid->arg);
        if (at + 3 <= end && (memcmp(text + at, "万", 3) == 0 || memcmp(text + at, "亿", 3) == 0)) {
            double scale = memcmp(text + at, "万", 3) == 0 ? 1e4 : 1e8;
            q->value *= scale;
            q->value_hi *= scale;
            at += 3;
            scaled_after = 1;
        }
    }
    at = skip_spaces(text, at, end);
    vocab_role role = ROLE_UNIT_ANY;
    const vocab_word *w = unit_at(v, text, at, end, &role);
    *unit_role = role;
    if (w && role == ROLE_UNIT_REJECT && !(strcmp(w->text, "年") == 0 && counts_years(v, text, start, num_start, num_end, q->value)))
        return 0;
    if (w && role == ROLE_UNIT_AGE && !after_level_verb(v, text, start, num_start))
        return 0;
    if (w && q->chinese && role != ROLE_UNIT_ANY && role != ROLE_UNIT_TIMES)
        return 0;
    if (!w) {
        /* Without a unit only a scaled figure (70万中小学生) or a fraction
         * (1/10) is a quantity; a bare figure is a label or a code. */
        int scaled = scaled_after || (num_len >= 3 && (memcmp(num_text + num_len - 3, "万", 3) == 0 ||
                                      memcmp(num_text + num_len - 3, "亿", 3) == 0));
        int fraction = memchr(num_text, '/', num_len) != NULL || is_cn_fraction(num_text, num_len);
        if ((q->chinese && !fraction) || !(scaled || fraction))
            return 0;
        q->unit[0] = '\0';
        q->span_end = mid ? at : num_end;
    } else {
        const char *stored = w->arg[0] ? w->arg : w->text;
        strncpy(q->unit, stored, sizeof q->unit - 1);
        q->unit[sizeof q->unit - 1] = '\0';
        at += w->len;
        q->span_end = read_unit_range(text, end, at, w, q);
    }
    q->end = q->span_end;
    const vocab_word *post = vocab_match_at(v, ROLE_CMP_POST, text, q->end, end);
    if (post) {
        set_cmp(q, post->arg);
        q->end += post->len;
    }
    return 1;
}

/* Whether a measure stands between a name and the thing it sizes (吉化
 * 120万吨乙烯转型升级项目, 南网720兆瓦储能电站): no verb, link or comparator
 * brings it in, a noun follows it and its clause goes on to a built thing.
 * It is then a spec of that thing, not an amount of work. */
static int sizes_a_project(const vocab *v, const char *text, size_t start, size_t end, const quantity *q)
{
    if (q->pre_start <= start || q->end >= end || !((unsigned char)text[q->end] & 0x80) ||
        !es_is_han(es_u8_cp(text + q->end)))
        return 0;
    size_t p = es_u8_prev(text, start, q->pre_start);
    if (!es_is_han(es_u8_cp(text + p)) || memcmp(text + p, "等", 3) == 0)
        return 0;   /* 等402万千瓦机组 sums up the items before */
    static const vocab_role brings[] = { ROLE_LEAD, ROLE_STOP, ROLE_LINK, ROLE_CHANGE, ROLE_CMP_PRE, ROLE_CMP_SPAN };
    for (size_t k = 0; k < sizeof brings / sizeof *brings; k++)
        if (vocab_match_before(v, brings[k], text, start, q->pre_start))
            return 0;
    size_t stop = q->end;
    while (stop < end && !es_clause_mark_len(text, stop, end))
        stop += es_u8_len(text + stop);
    return vocab_find(v, ROLE_PROJECT, text, q->end, stop, NULL) != (size_t)-1;
}

/* Whether an act follows a count of times (三次亲临, 两次获评): the count
 * then says how often it happened, verb or none before it. */
static int acts_after(const vocab *v, const char *text, size_t end, const quantity *q)
{
    if (strcmp(q->unit, "次") != 0)
        return 0;
    static const vocab_role acts[] = { ROLE_ACT, ROLE_LEAD, ROLE_STOP };
    for (size_t k = 0; k < sizeof acts / sizeof *acts; k++)
        if (vocab_match_at(v, acts[k], text, q->end, end))
            return 1;
    return 0;
}

static int is_lone_yi(const char *text, size_t start, size_t at, size_t end)
{
    if (end - at < 3 || memcmp(text + at, "一", 3) != 0)
        return 0;
    if (at >= start + 3 && memcmp(text + at - 3, "第", 3) == 0)
        return 0;   /* 第一: a place */
    if (end - at < 6)
        return 1;
    int32_t next = es_u8_cp(text + at + 3);
    /* 一百, 一万, 一至四 go on to a larger number. */
    return !es_is_cn_numeral(next) && next != 0x81F3 /* 至 */;
}

int quantity_read(const vocab *v, const char *text, size_t start, size_t end,
                  size_t at, quantity *q, size_t *next)
{
    es_number num;
    /* A lone 一 (一批, 进一步, 统一) is never a quantity; it is the most
     * frequent numeral, so it is turned away before any parsing. */
    if (is_lone_yi(text, start, at, end)) {
        *next = at + 3;
        return 0;
    }
    memset(q, 0, sizeof *q);
    strcpy(q->cmp, "=");
    if (!es_number_parse(text + at, end - at, &num)) {
        *next = at + es_u8_len(text + at);
        return 0;
    }
    size_t num_end = at + num.len;
    *next = num_end;
    q->chinese = !es_is_digit(text[at]);
    q->value = num.value;
    q->value_hi = num.value_hi;
    q->has_hi = num.is_range;
    q->span_start = q->pre_start = at;
    if (bad_shape(text, at, num_end, end)) {
        *next = skip_number_run(text, num_end, end);
        return 0;
    }
    int place = read_place(v, text, start, end, at, num_end, q);
    if (place != PLACE_NOT_READ)
        return place;
    if (bad_char_before(text, start, at, q->chinese))
        return 0;
    /* 每10万人, 每100名学生: the base of a rate, not an amount. */
    if (at >= start + 3 && memcmp(text + at - 3, "每", 3) == 0)
        return 0;
    if (q->chinese) {
        /* 十四五, 一二: numerals running on are a name, not an amount. */
        if (num_end < end && ((unsigned char)text[num_end] & 0x80) &&
            es_is_cn_numeral(es_u8_cp(text + num_end))) {
            *next = skip_number_run(text, num_end, end);
            return 0;
        }
        if ((q->value == 1 || q->value == 0) && !q->has_hi)
            return 0;   /* 一 is mostly the article "a", 零 a part of 零部件 */
        /* Before a counter two is 两; 二轮, 二期 are places in an order. */
        if (num.len == 3 && memcmp(text + at, "二", 3) == 0)
            return 0;
    }
    vocab_role unit_role = ROLE_UNIT_ANY;
    if (!read_unit(v, text, start, end, at, num_end, q, &unit_role))
        return 0;
    read_leading_cmp(v, text, start, q);
    if (vocab_match_at(v, ROLE_LABEL_AFTER, text, q->end, end))
        return 0;   /* 三次会议, 四个方面: a name, not an amount */
    /* 海拔1500米: where a place lies, not an amount; 吉化120万吨乙烯项目. */
    if (unit_role == ROLE_UNIT_MEASURE && (vocab_match_before(v, ROLE_SPEC_BEFORE, text, start, q->pre_start) ||
                                           sizes_a_project(v, text, start, end, q)))
        return 0;
    /* A fraction (三分之一) is a share whatever stands before it. */
    /* 八成以上的学校: a share modifying a noun counts too. */
    int modifies = end - q->end >= 3 && memcmp(text + q->end, "的", 3) == 0;
    if (q->chinese && unit_role != ROLE_UNIT_TIMES && !is_cn_fraction(text + at, num.len) && !modifies &&
        !counted_by_verb(v, text, start, at) && !acts_after(v, text, end, q))
        return 0;
    /* A bare scale word (万人) is a quantity only after a comparator. */
    if (is_scale_only(text + at, num.len) && q->span_start == at && q->pre_start == at)
        return 0;
    *next = q->end > num_end ? q->end : num_end;
    return 1;
}

/* Whether the value is a calendar year written alone (2020年): a column's
 * heading, not a figure. */
static int is_bare_year(const quantity *q, const vocab_word *unit)
{
    /* The range first: a value past what a long holds cannot be cast. */
    return unit && strcmp(unit->text, "年") == 0 && !q->has_hi && q->value >= 1900 && q->value <= 2100 &&
           q->value == (double)(long)q->value;
}

int quantity_read_cell(const vocab *v, const char *text, size_t start, size_t end, quantity *q)
{
    while (start < end && text[start] == ' ')
        start++;
    while (end > start && text[end - 1] == ' ')
        end--;
    memset(q, 0, sizeof *q);
    strcpy(q->cmp, "=");
    size_t at = start;
    const vocab_word *pre = vocab_match_at(v, ROLE_CMP_PRE, text, at, end);
    const vocab_word *span = vocab_match_at(v, ROLE_CMP_SPAN, text, at, end);
    if (pre && (!span || pre->len >= span->len)) {
        set_cmp(q, pre->arg);
        at += pre->len;
    } else if (span) {
        set_cmp(q, span->arg);
        at += span->len;
    }
    q->pre_start = start;
    q->span_start = span && !pre ? start : at;
    double sign = 1;
    if (at < end && (text[at] == '-' || text[at] == '+') && at + 1 < end && es_is_digit(text[at + 1]))
        sign = text[at++] == '-' ? -1 : 1;
    es_number num;
    if (at >= end || !es_is_digit(text[at]) || !es_number_parse(text + at, end - at, &num))
        return 0;
    q->value = sign * num.value;
    q->value_hi = sign * num.value_hi;
    q->has_hi = num.is_range;
    size_t num_end = at + num.len;
    q->span_end = num_end;
    const vocab_word *mid = vocab_match_at(v, ROLE_CMP_MID, text, num_end, end);
    if (mid) {
        set_cmp(q, mid->arg);
        num_end += mid->len;
    }
    vocab_role role = ROLE_UNIT_ANY;
    const vocab_word *unit = unit_at(v, text, num_end, end, &role);
    if (unit && (is_bare_year(q, unit) || (role == ROLE_UNIT_REJECT && strcmp(unit->text, "年") != 0)))
        return 0;
    if (unit) {
        const char *stored = unit->arg[0] ? unit->arg : unit->text;
        snprintf(q->unit, sizeof q->unit, "%s", stored);
        num_end += unit->len;
    }
    q->span_end = q->end = num_end;
    const vocab_word *post = vocab_match_at(v, ROLE_CMP_POST, text, q->end, end);
    if (post) {
        set_cmp(q, post->arg);
        q->end += post->len;
    }
    /* A ratio written 14.93:1 is its first term. */
    if (q->end + 1 < end && text[q->end] == ':' && es_is_digit(text[q->end + 1])) {
        size_t p = q->end + 1;
        while (p < end && (es_is_digit(text[p]) || text[p] == '.'))
            p++;
        q->span_end = q->end = p;
    }
    return q->end == end;
}
