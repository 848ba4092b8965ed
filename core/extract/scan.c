/* The sentence scan: walks a stretch of the view, reads the quantities
 * in it and gives each its kind, metric, scope and year. */
#include "scan.h"

#include "compare.h"
#include "metric_phrase.h"
#include "quantity.h"
#include "edushell/base/uchar.h"
#include "years.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest name of a part in a breakdown (会办 of 其中主办45件，会办30件). */
#define BREAKDOWN_PART_BYTES 9

/* Quotation marks and title brackets: a number inside them is a name.
 * Returns +1 for an opening mark, -1 for a closing one, 0 otherwise. */
static int quote_delta(int32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x2018: case 0x300A: case 0x300C: case 0x300E: case 0x3008:
        return 1;    /* “ ‘ 《 「 『 〈 */
    case 0x201D: case 0x2019: case 0x300B: case 0x300D: case 0x300F: case 0x3009:
        return -1;   /* ” ’ 》 」 』 〉 */
    default:
        return 0;
    }
}

typedef struct sentence_scan {
    const es_extractor *ex;
    scan_topic *topic;          /* the paragraph's subject, or NULL */
    const es_extract_input *in;
    sentence_ctx ctx;
    size_t index;               /* the sentence's index */
    size_t clause_floor;        /* end of the previous quantity: no clause reaches back before it */
    const char *previous;       /* metric of the previous quantity */
    const char *list_first;     /* metric of the first quantity of the list under way */
    char *lead;                 /* its lead verb, found when a second item needs it; owned */
    int lead_known;
    char *list_prefix;          /* words before the list's first quantity, owned */
    char *base;                 /* after 其中: head of the metric being broken down, owned */
    char *base_lead;            /* and its lead verbs (新建、改扩建), owned, or NULL */
    year_tracker years;         /* years named so far in the sentence */
    int part_year;              /* the year the heading of the sentence's part names */
    int span_first, span_last;  /* the period the paragraph is about, 0 for a year */
    es_ind_kind previous_kind;
    int previous_negative;      /* the previous quantity was a decrease */
    char **respective;          /* metrics of a 分别 list, owned */
    size_t nrespective, next_respective;
    const es_indicator_list *out;   /* where the sentence's figures go */
    size_t first_out;           /* the first of them in out */
} sentence_scan;

/* Whether text[at] is 、 (E3 80 81); the view is valid UTF-8, so a lead
 * byte E3 is followed by two more. */
static int is_enumeration_comma(const char *text, size_t at)
{
    return text[at] == '\xE3' && text[at + 1] == '\x80' && text[at + 2] == '\x81';
}

/* Whether the enumeration comma at `at` follows a quantity of the same
 * clause (培育20个高水平专业、20门“金课”). */
static int list_comma(const sentence_scan *s, size_t at)
{
    if (!s->previous)
        return 0;
    for (size_t p = s->clause_floor; p < at; p += es_u8_len(s->ctx.text + p))
        if (es_clause_mark_len(s->ctx.text, p, at) && !is_enumeration_comma(s->ctx.text, p))
            return 0;
    return 1;
}

/* Start of the clause holding text[at]. An enumeration comma separates
 * clauses only in a list of quantities (幼儿园14所、义务教育学校22所); in a list
 * of nouns it belongs to the metric (开工新建幼儿园、中小学校24所). */
static size_t clause_start_before(const sentence_scan *s, size_t at)
{
    const char *t = s->ctx.text;
    size_t p = at;
    while (p > s->clause_floor) {
        size_t c = es_u8_prev(t, s->clause_floor, p);
        if (es_clause_mark_len(t, c, p) && (!is_enumeration_comma(t, c) || list_comma(s, c)))
            return p;
        p = c;
    }
    return s->clause_floor;
}

/* Whether the clause at `clause` continues a list of quantities: after an
 * enumeration comma or a conjunction that follows the previous one. */
static int continues_list(const sentence_scan *s, size_t clause)
{
    if (!s->previous)
        return 0;
    if (clause == s->clause_floor)
        return 1;
    return clause > s->clause_floor && is_enumeration_comma(s->ctx.text, clause - 3) && list_comma(s, clause - 3);
}

static size_t clause_end_after(const sentence_scan *s, size_t at)
{
    while (at < s->ctx.end && !es_clause_mark_len(s->ctx.text, at, s->ctx.end))
        at += es_u8_len(s->ctx.text + at);
    return at;
}

/* A number of the heading marker (一、 8. (二)) is not a quantity. */
static int in_heading_marker(const es_extract_input *in, size_t sentence, size_t at)
{
    long sec = in->st->sentences[sentence].section;
    if (sec < 0)
        return 0;
    const es_section *h = &in->st->sections[sec];
    return at >= h->start && at < h->marker_end;
}

static void drop_respective(sentence_scan *s)
{
    for (size_t k = 0; k < s->nrespective; k++)
        free(s->respective[k]);
    free(s->respective);
    s->respective = NULL;
    s->nrespective = s->next_respective = 0;
}

static void start_respective(sentence_scan *s, const metric_ctx *m, const quantity *q)
{
    if (!(s->ctx.cues & (1u << ROLE_RESPECTIVE))) {
        drop_respective(s);
        return;
    }
    if (s->nrespective > 0 && respective_of_before(&s->ex->words, m, q)) {
        s->next_respective = 0;
        return;
    }
    drop_respective(s);
    /* 幼儿园1633所，在园幼儿30.49万人，分别比2013年增加35%、40%: a 分别
     * clause naming nothing is about the figures before it, in order. */
    size_t want = respective_of_before(&s->ex->words, m, q) ? respective_figures(&s->ex->words, m, q) : 0;
    size_t done = s->out && s->out->n > s->first_out ? s->out->n - 1 - s->first_out : 0;   /* but this one */
    if (want >= 2 && done >= want) {
        s->respective = es_xcalloc(want, sizeof *s->respective);
        for (size_t k = 0; k < want; k++)
            s->respective[k] = es_xstrdup(s->out->items[s->out->n - 1 - want + k].metric);
        s->nrespective = want;
        return;
    }
    s->nrespective = metric_respective(&s->ex->words, m, q, &s->respective);
}

/* A clause opening with 其中 breaks the previous figure down: its items
 * take that figure's metric head. */
static void start_breakdown(sentence_scan *s, size_t clause, size_t number)
{
    const char *t = s->ctx.text;
    while (clause < s->ctx.end && t[clause] == ' ')
        clause++;
    /* 其中: or a bracket right after the figure: 幼儿园177所(公办58所,民办119所). */
    const vocab_word *w = s->previous ? vocab_match_at(&s->ex->words, ROLE_BREAKDOWN, t, clause, s->ctx.end) : NULL;
    /* 其中:中小学35处 — the word alone before a colon. */
    if (!w && s->previous && clause > s->ctx.start && t[clause - 1] == ':')
        w = vocab_match_before(&s->ex->words, ROLE_BREAKDOWN, t, s->ctx.start, clause - 1);
    int bracket = s->previous && clause == s->clause_floor && clause < s->ctx.end && t[clause] == '(';
    if (w || bracket) {
        free(s->base);
        free(s->base_lead);
        s->base = metric_head(&s->ex->words, s->previous);
        s->base_lead = metric_lead(&s->ex->words, s->previous);
        return;
    }
    /* 其中主办45件，会办30件: a clause that is only a part's name goes on
     * with the breakdown. */
    if (number - clause > BREAKDOWN_PART_BYTES) {
        free(s->base);
        free(s->base_lead);
        s->base = s->base_lead = NULL;
    }
}

/* The year the quantity is of: the last its sentence names before it,
 * else the one its part's heading names; 0 for the document's. */
static int year_of(sentence_scan *s, const quantity *q)
{
    int year = years_before(&s->ex->words, &s->years, s->ctx.text, q->span_start);
    if (year == YEAR_OF_DOCUMENT)
        return s->in->doc_year;
    return year ? year : s->part_year;
}

/* Whether a count of places follows a word for a place in an order
 * (世界500强排名由369位上升到235位): the figure is a rank. */
static int placed_by_count(const sentence_scan *s, size_t clause, const quantity *q)
{
    const vocab *v = &s->ex->words;
    const char *t = s->ctx.text;
    if (q->unit[0] == '\0' || !vocab_match_at(v, ROLE_RANK_UNIT, q->unit, 0, strlen(q->unit)) ||
        vocab_match_before(v, ROLE_CHANGE, t, clause, q->pre_start))
        return 0;   /* 排名提升4位 moves by places */
    /* The word may stand before an earlier figure of the clause (由369位上升到235位). */
    size_t from = clause;
    while (from > s->ctx.start && !es_clause_mark_len(t, es_u8_prev(t, s->ctx.start, from), from))
        from = es_u8_prev(t, s->ctx.start, from);
    return vocab_find(v, ROLE_RANK_NOUN, t, from, q->pre_start, NULL) != (size_t)-1;
}

/* Kind of the quantity; 0 when it is no indicator (an ordinal that is no
 * rank). *rank tells how a rank's field was found. */
static int classify(sentence_scan *s, size_t clause, quantity *q, es_ind_kind *kind,
                    char *scope, size_t scope_size, int *rank)
{
    const vocab *v = &s->ex->words;
    *rank = 0;
    if (!q->ordinal && placed_by_count(s, clause, q)) {
        q->ordinal = q->ranked_by_word = 1;
        strcpy(q->unit, "位");
    }
    if (q->ordinal) {
        *rank = classify_rank(v, &s->ctx, clause, q, scope, scope_size);
        *kind = ES_IND_RANK;
        return *rank != 0;
    }
    *kind = classify_kind(v, &s->ctx, clause, year_of(s, q), q);
    return 1;
}

/* 分别增长4.5%、6%: a later item of a list of changes is a change too,
 * unless a verb of its own says what it is (增长31.2%、占全国4成). */
static void follow_list_kind(const sentence_scan *s, int in_list, size_t clause, es_ind_kind *kind, quantity *q)
{
    if (!in_list || *kind != ES_IND_ACTUAL || s->previous_kind != ES_IND_CHANGE ||
        vocab_find(&s->ex->words, ROLE_LINK, s->ctx.text, clause, q->pre_start, NULL) != (size_t)-1)
        return;
    *kind = ES_IND_CHANGE;
    if (s->previous_negative && q->value > 0) {
        q->value = -q->value;
        q->value_hi = -q->value_hi;
    }
}

/* 规划建设幼儿园61所，其中新建55所: the parts of a goal are goals, unless
 * their own clause says they are done. */
static void follow_whole_kind(const sentence_scan *s, size_t clause, es_ind_kind *kind, const quantity *q)
{
    if (s->base && *kind == ES_IND_ACTUAL && s->previous_kind == ES_IND_TARGET &&
        vocab_find(&s->ex->words, ROLE_RESULT, s->ctx.text, clause, q->pre_start, NULL) == (size_t)-1)
        *kind = ES_IND_TARGET;
}

/* The lead verb of the list under way (新增 of 新增省优质园25所、市优质园14所). */
static const char *list_lead(sentence_scan *s)
{
    if (!s->lead_known && s->list_first) {
        s->lead = metric_lead(&s->ex->words, s->list_first);
        s->lead_known = 1;
    }
    return s->lead;
}

static metric_ctx metric_context(sentence_scan *s, size_t clause, const quantity *q,
                                 es_ind_kind kind, int rank, int in_list)
{
    return (metric_ctx){
        .text = s->ctx.text, .sentence_start = s->ctx.start, .sentence_end = s->ctx.end,
        .clause_start = clause, .clause_end = clause_end_after(s, q->end),
        .previous = s->previous, .lead = in_list ? list_lead(s) : NULL,
        .list_prefix = in_list ? s->list_prefix : NULL,
        .after_previous = clause == s->clause_floor && s->previous,
        .base = s->base,
        .qualifies_previous = kind == ES_IND_RANK || kind == ES_IND_CHANGE,
        .rank = kind == ES_IND_RANK,
        /* 位列全国民办高校第六名，江苏省同类高校第一名: a second rank in
         * another field is of the same thing. */
        .field_only = rank == RANK_UNSCOPED && s->previous && s->previous_kind == ES_IND_RANK,
    };
}

/* The metric, and the list state a later quantity of the sentence reads. */
static int averaged_over_years(const sentence_scan *s, size_t clause, const quantity *q);

/* How far back before a figure the object of its building work is looked
 * for: lines run on, but a paragraph's object is named near its figures. */
#define MAX_OBJECT_LOOKBACK 2000

/* Longest object of building work read back from its head. */
#define MAX_OBJECT_CHARS 24

/* Whether an object read back from its head stops before text[at]: at a
 * mark, a bracket, a number's counter (56所|公办幼儿园), a verb that opens
 * the object (推进, 建设, 新建了), a scope word (全市), 以上 or 的. */
static int object_stops(const vocab *v, const char *t, size_t floor, size_t at)
{
    size_t c = es_u8_prev(t, floor, at);
    if (es_clause_mark_len(t, c, at) || t[c] == ' ' || t[c] == '(' || t[c] == ')' || es_is_digit(t[c]) ||
        (at - c == 3 && memcmp(t + c, "了", 3) == 0))
        return 1;
    if (c > floor) {
        size_t b = es_u8_prev(t, floor, c);
        if (es_is_digit(t[b]) || ((unsigned char)t[b] >= 0x80 && es_is_cn_numeral(es_u8_cp(t + b)) &&
                                  vocab_match_at(v, ROLE_UNIT, t, c, at)))
            return 1;
    }
    static const vocab_role stops[] = { ROLE_OBJECT_OPEN, ROLE_LEAD, ROLE_STATUS, ROLE_STOP, ROLE_SCOPE };
    for (size_t k = 0; k < sizeof stops / sizeof *stops; k++)
        if (vocab_match_before(v, stops[k], t, floor, at))
            return 1;
    const vocab_word *w = vocab_match_before(v, ROLE_CMP_POST, t, floor, at);
    return w && w->len >= 6;   /* 亿元以上|项目; not 多 */
}

/* Whether a quotation mark opens (1), closes (-1) at text[c], or neither. */
static int quote_at(const char *t, size_t c)
{
    return (unsigned char)t[c] >= 0x80 ? quote_delta(es_u8_cp(t + c)) : 0;
}

/* The object whose head lies at text[head, end), appended to b: the noun
 * phrase back to where it stops, a quoted name whole (“千村引领、万村提
 * 升”工程); a list by its first item (新建了琼海中学、市一小南堀校区等项目:
 * 琼海中学等项目). */
static void put_object(const vocab *v, const char *t, size_t floor, size_t head, size_t end, es_buf *b)
{
    size_t at = head;
    int depth = 0;
    for (unsigned chars = 0; at > floor && chars < MAX_OBJECT_CHARS * 2; chars++) {
        size_t c = es_u8_prev(t, floor, at);
        int q = quote_at(t, c);
        if (depth == 0 && (chars >= MAX_OBJECT_CHARS || (q >= 0 && object_stops(v, t, floor, at))))
            break;
        depth -= q;
        if (depth < 0)
            break;   /* an opening mark with no close: the object starts after it */
        at = c;
    }
    if (head - at >= 3 && memcmp(t + head - 3, "等", 3) == 0 && at >= floor + 3 && is_enumeration_comma(t, at - 3)) {
        size_t first = at - 3;
        for (unsigned chars = 0; first > floor && chars < MAX_OBJECT_CHARS * 2; chars++) {
            size_t c = es_u8_prev(t, floor, first);
            if (!is_enumeration_comma(t, c) && object_stops(v, t, floor, first))
                break;
            first = c;
        }
        size_t item_end = first;
        while (item_end < at && !is_enumeration_comma(t, item_end))
            item_end += es_u8_len(t + item_end);
        es_buf_append(b, t + first, item_end - first);
        es_buf_append(b, t + head - 3, end - (head - 3));
        return;
    }
    es_buf_append(b, t + at, end - at);
}

/* Whether an object head ending at text[at] ends its noun phrase: the
 * clause or a count follows it (公办幼儿园61所, 幼儿园共24处), a stage of
 * the work (重大项目开工390个), or a word that closes an object (学校中,
 * 公办园建设情况). */
static int ends_object(const vocab *v, const char *t, size_t at, size_t end)
{
    while (at < end && t[at] == ' ')
        at++;
    if (at >= end || es_clause_mark_len(t, at, end) || es_is_digit(t[at]) ||
        ((unsigned char)t[at] >= 0x80 && es_is_cn_numeral(es_u8_cp(t + at))))
        return 1;
    return vocab_match_at(v, ROLE_STATUS, t, at, end) || vocab_match_at(v, ROLE_OBJECT_END, t, at, end) ||
           vocab_match_at(v, ROLE_CMP_PRE, t, at, end);
}

/* The last object named in text[floor, before) (规划建设公办幼儿园61所,
 * 推进义务教育薄弱环节改善项目), appended to b; 0 when none is. A head
 * alone after a count (34个|项目) names again an object named in full
 * before it, when one is. */
static int object_before(const sentence_scan *s, size_t floor, size_t before, es_buf *b)
{
    const vocab *v = &s->ex->words;
    const char *t = s->ctx.text;
    es_buf bare = { 0 };
    for (size_t at = before; at > floor; at = es_u8_prev(t, floor, at)) {
        const vocab_word *w = vocab_match_before(v, ROLE_OBJECT_HEAD, t, floor, at);
        if (!w || !ends_object(v, t, at, s->ctx.end))
            continue;
        es_buf found = { 0 };
        put_object(v, t, floor, at - w->len, at, &found);
        if (found.len > w->len || (bare.len && memcmp(bare.data, found.data, bare.len) != 0)) {
            es_buf_append(b, found.data, found.len);
            es_buf_free(&found);
            es_buf_free(&bare);
            return 1;
        }
        if (!bare.len)
            bare = found;
        else
            es_buf_free(&found);
    }
    if (!bare.len)
        return 0;
    es_buf_append(b, bare.data, bare.len);
    es_buf_free(&bare);
    return 1;
}

/* The object money is spent on, named by the clause after the figure's
 * when it says what for (投入7235.6万元，推进义务教育薄弱环节改善项目). */
static int object_after(const sentence_scan *s, size_t clause_end, es_buf *b)
{
    const vocab *v = &s->ex->words;
    const char *t = s->ctx.text;
    size_t mark = clause_end < s->ctx.end ? es_clause_mark_len(t, clause_end, s->ctx.end) : 0;
    if (!mark || is_enumeration_comma(t, clause_end))
        return 0;
    size_t start = clause_end + mark;
    const vocab_word *w;
    while (start < s->ctx.end && (t[start] == ' ' || (w = vocab_match_at(v, ROLE_FILLER, t, start, s->ctx.end))))
        start += t[start] == ' ' ? 1 : w->len;
    if (!vocab_match_at(v, ROLE_OBJECT_OPEN, t, start, s->ctx.end) && !vocab_match_at(v, ROLE_LEAD, t, start, s->ctx.end) &&
        !vocab_match_at(v, ROLE_STATUS, t, start, s->ctx.end))
        return 0;
    size_t end = start;
    while (end < s->ctx.end && (!es_clause_mark_len(t, end, s->ctx.end) || is_enumeration_comma(t, end)))
        end += es_u8_len(t + end);
    return object_before(s, start, end, b);
}

/* A stage of building work (完工, 在建) counts the object its paragraph
 * named last: 完工公办幼儿园; a measure of such work (开工率, 投入资金)
 * is of that object, or of the one the money is for. Takes `metric` over. */
static char *with_object(sentence_scan *s, const metric_ctx *m, char *metric)
{
    const vocab *v = &s->ex->words;
    size_t len = strlen(metric);
    const vocab_word *status = vocab_match_at(v, ROLE_STATUS, metric, 0, len);
    const vocab_word *measure = vocab_match_at(v, ROLE_OBJECT_MEASURE, metric, 0, len);
    if (status && status->len != len)
        status = NULL;
    if (measure && measure->len != len)
        measure = NULL;
    if (!status && !measure)
        return metric;
    /* A stage counts what the paragraph builds; a measure is of what its
     * own sentence names. */
    size_t floor = status && s->topic && s->topic->from <= m->clause_start ? s->topic->from : s->ctx.start;
    if (m->clause_start - floor > MAX_OBJECT_LOOKBACK) {
        floor = m->clause_start - MAX_OBJECT_LOOKBACK;
        while (floor < m->clause_start && ((unsigned char)s->ctx.text[floor] & 0xC0) == 0x80)
            floor++;   /* to the start of a character */
    }
    es_buf object = { 0 };
    if (!(measure && object_after(s, m->clause_end, &object)) && !object_before(s, floor, m->clause_start, &object)) {
        es_buf_free(&object);
        return metric;
    }
    es_buf b = { 0 };
    if (status) {
        es_buf_puts(&b, metric);
        es_buf_append(&b, object.data, object.len);
    } else {
        es_buf_append(&b, object.data, object.len);
        es_buf_puts(&b, metric);
    }
    es_buf_free(&object);
    free(metric);
    return es_buf_take(&b, NULL);
}

/* Longest programme a clause carries out that names a measure of reach. */
#define MAX_PROGRAMME_CHARS 16

/* A measure of who was reached (惠及20余万儿童) right after a clause that
 * carries out a programme (实施学前一年免费教育) is that programme's.
 * Takes `metric` over. */
static char *with_programme(sentence_scan *s, const metric_ctx *m, char *metric)
{
    const vocab *v = &s->ex->words;
    const char *t = s->ctx.text;
    if (!vocab_match_at(v, ROLE_BENEFIT, metric, 0, strlen(metric)) || m->clause_start <= s->ctx.start)
        return metric;
    size_t end = es_u8_prev(t, s->ctx.start, m->clause_start);
    if (!es_clause_mark_len(t, end, m->clause_start) || is_enumeration_comma(t, end))
        return metric;
    size_t start = end;
    while (start > s->ctx.start && !es_clause_mark_len(t, es_u8_prev(t, s->ctx.start, start), start))
        start = es_u8_prev(t, s->ctx.start, start);
    const vocab_word *act = NULL;
    size_t at = start;
    for (; at < end && !(act = vocab_match_at(v, ROLE_OBJECT_OPEN, t, at, end)); at += es_u8_len(t + at))
        ;
    if (!act)
        return metric;
    size_t from = at + act->len;
    if (from >= end || es_u8_count(t + from, end - from) > MAX_PROGRAMME_CHARS)
        return metric;
    for (size_t p = from; p < end; p++)
        if (es_is_digit(t[p]))
            return metric;
    es_buf b = { 0 };
    es_buf_append(&b, t + from, end - from);
    es_buf_puts(&b, metric);
    free(metric);
    return es_buf_take(&b, NULL);
}

/* A bare measure (招生, 在校生, 图书) is of the paragraph's subject; a
 * metric opening with a school level (普通高中学校, 全省共有基础教育学校)
 * makes that level the subject. Takes `metric` over. */
static char *with_topic(sentence_scan *s, size_t clause, char *metric)
{
    if (!s->topic)
        return metric;
    const vocab *v = &s->ex->words;
    size_t len = strlen(metric);
    const vocab_word *measure = vocab_match_at(v, ROLE_MEASURE, metric, 0, len);
    /* 全市教职工数: a measure of the whole region, all levels. */
    while (clause < s->ctx.end && s->ctx.text[clause] == ' ')
        clause++;
    int whole = vocab_match_at(v, ROLE_SCOPE, s->ctx.text, clause, s->ctx.end) != NULL;
    if (measure && measure->len == len && whole) {
        s->topic->text[0] = '\0';
        return metric;
    }
    if (measure && measure->len == len && s->topic->text[0]) {
        es_buf b = { 0 };
        es_buf_puts(&b, s->topic->text);
        es_buf_puts(&b, metric);
        free(metric);
        return es_buf_take(&b, NULL);
    }
    /* The parts of a breakdown (其中初级中学22所) speak of the whole's
     * subject still; a part that is only a school level counts what the
     * whole does (在校生9.2万人，其中小学6.7万人: 小学在校生), unless the
     * whole counts the schools themselves. */
    if (s->base) {
        const vocab_word *part = vocab_match_at(v, ROLE_LEVEL, metric, 0, len);
        size_t blen = strlen(s->base);
        const vocab_word *own = vocab_match_at(v, ROLE_LEVEL, s->base, 0, blen);
        size_t rest = own ? own->len : 0;
        const vocab_word *whole = vocab_match_at(v, ROLE_MEASURE, s->base, rest, blen);
        if (part && part->len == len && whole && rest + whole->len == blen &&
            !vocab_match_at(v, ROLE_INSTITUTIONS, s->base, rest, blen)) {
            es_buf b = { 0 };
            es_buf_puts(&b, metric);
            es_buf_puts(&b, s->base + rest);
            free(metric);
            return es_buf_take(&b, NULL);
        }
        /* 小学教职工4298人(专任教师4201人): a bare measure among the parts
         * is of the whole's school level. */
        const vocab_word *measure = vocab_match_at(v, ROLE_MEASURE, metric, 0, len);
        if (own && own->len < blen && measure && measure->len == len) {
            es_buf b = { 0 };
            es_buf_append(&b, s->base, own->len);
            es_buf_puts(&b, metric);
            free(metric);
            return es_buf_take(&b, NULL);
        }
        /* 新建、改扩建中小学幼儿园50处，其中幼儿园15处: the part is built
         * as the whole is. */
        if (part && part->len == len && s->base_lead) {
            es_buf b = { 0 };
            es_buf_puts(&b, s->base_lead);
            es_buf_puts(&b, metric);
            free(metric);
            return es_buf_take(&b, NULL);
        }
        return metric;
    }
    const vocab_word *level = vocab_match_at(v, ROLE_LEVEL, metric, 0, len);
    if (level && level->len < sizeof s->topic->text)
        snprintf(s->topic->text, sizeof s->topic->text, "%.*s", (int)level->len, metric);
    else if (vocab_match_at(v, ROLE_SUBJECT_HEAD, metric, 0, len))
        s->topic->text[0] = '\0';   /* 全县学生总数: another subject, of all levels */
    return metric;
}

/* Whether the figure starts a span of change (从7248亿元提高到8865亿元,
 * 由2020年的52%提高到): 从 or 由, and the year it is of, right before it. */
static int starts_a_span(const sentence_scan *s, size_t clause, const quantity *q)
{
    const char *t = s->ctx.text;
    size_t at = q->pre_start;
    if (at >= clause + 3 && memcmp(t + at - 3, "的", 3) == 0)
        at -= 3;
    if (at >= clause + 7 && memcmp(t + at - 3, "年", 3) == 0 && es_is_digit(t[at - 4]) && es_is_digit(t[at - 7]))
        at -= 7;
    return at >= clause + 3 && (memcmp(t + at - 3, "从", 3) == 0 || memcmp(t + at - 3, "由", 3) == 0);
}

/* The span of time a figure covers and how: a yearly average (年均增长)
 * or a total or change over a period (累计; a flow or a change in a
 * paragraph about five years) covers the period; the figure a span of
 * change starts from is of the year before the span; any other is of its
 * year alone. */
static void figure_period(sentence_scan *s, size_t clause, const quantity *q, int compared, es_indicator *ind)
{
    const vocab *v = &s->ex->words;
    int first = s->span_first, last = s->span_last;
    if (averaged_over_years(s, clause, q)) {
        ind->basis = ES_BASIS_AVERAGE;
        if (!first && ind->year > 0 && ind->kind == ES_IND_TARGET && ind->year > s->in->doc_year) {
            first = ind->year - PERIOD_YEARS + 1;
            last = ind->year;
        }
    } else if (vocab_find(v, ROLE_CUMULATIVE, s->ctx.text, clause, q->pre_start, NULL) != (size_t)-1) {
        ind->basis = ES_BASIS_CUMULATIVE;
    } else if (first && !compared && starts_a_span(s, clause, q)) {
        ind->year = first - 1;
        return;
    } else if (first && !compared && (ind->kind == ES_IND_CHANGE ||
                                       (ind->kind == ES_IND_ACTUAL && vocab_match_at(v, ROLE_LEAD, ind->metric, 0,
                                                                                     strlen(ind->metric))))) {
        ind->basis = ES_BASIS_CUMULATIVE;
    } else {
        return;
    }
    if (first && last) {
        ind->period_start = first;
        ind->period_end = last;
        ind->year = last;
    }
}

/* The part of the region a figure is about, when its metric opens with
 * one (武汉都市圈经济总量, 兰州新区地区生产总值): owned, or NULL. */
static char *subject_of(const vocab *v, const char *metric)
{
    const vocab_word *w;
    size_t len = strlen(metric), at = vocab_find_last(v, ROLE_SUBREGION, metric, 0, len, &w);
    if (at == (size_t)-1 || at + w->len >= len)
        return NULL;
    return es_xstrndup(metric, at + w->len);
}

/* A bare measure that ends the sentence's previous metric is that metric
 * again (经费投入达283亿元，10年来累计投入1656亿元); a rate of what ends it
 * is that metric's rate (本科以上上线1933人，上线率86.5%). Takes `metric`
 * over. */
static char *as_previous(const metric_ctx *m, char *metric)
{
    static const char rate[] = "率";
    size_t len = strlen(metric), plen = m->previous ? strlen(m->previous) : 0;
    size_t stem = len > 3 && memcmp(metric + len - 3, rate, 3) == 0 ? len - 3 : len;
    if (stem == 0 || plen <= stem || memcmp(m->previous + plen - stem, metric, stem) != 0)
        return metric;
    for (size_t k = 0; k < plen; k++)
        if (es_is_digit(m->previous[k]))
            return metric;   /* a metric holding a figure (12类|45件民生实事) is none to repeat */
    es_buf b = { 0 };
    es_buf_puts(&b, m->previous);
    es_buf_append(&b, metric + stem, len - stem);
    free(metric);
    return es_buf_take(&b, NULL);
}

static char *metric_of(sentence_scan *s, const metric_ctx *m, const quantity *q, int in_list)
{
    const vocab *v = &s->ex->words;
    char *prefix = NULL;
    char *metric = metric_phrase(v, m, q, in_list ? NULL : &prefix);
    if (!in_list)
        start_respective(s, m, q);
    if (s->next_respective < s->nrespective) {
        free(metric);
        metric = es_xstrdup(s->respective[s->next_respective++]);
    }
    metric = metric_with_event(v, m, metric);
    if (!m->rank) {
        char *bare = metric;
        metric = with_object(s, m, metric);
        if (metric == bare)   /* no object of building work named it */
            metric = as_previous(m, metric);
        metric = with_programme(s, m, metric);
        metric = with_topic(s, m->clause_start, metric);
    }
    if (!in_list) {
        /* A new list starts here; its lead verb is found if a second item
         * needs it. The metric stays alive in the indicator list. */
        free(s->lead);
        s->lead = NULL;
        s->lead_known = 0;
        s->list_first = metric;
        free(s->list_prefix);
        s->list_prefix = prefix;
    }
    return metric;
}

/* Notes which sentence cue words start at text[at], so that lookups for
 * the absent ones are skipped: a quantity only ever needs the cues before
 * it, which the scan has passed. */
static void note_cues(sentence_scan *s, size_t at)
{
    const vocab *v = &s->ex->words;
    unsigned key = vocab_key(s->ctx.text, at, s->ctx.end);
    for (unsigned left = SENTENCE_CUES & ~s->ctx.cues; left; left &= left - 1) {
        vocab_role r = (vocab_role)__builtin_ctz(left);
        if (vocab_may_start(v, r, key) && vocab_match_at(v, r, s->ctx.text, at, s->ctx.end))
            s->ctx.cues |= 1u << r;
    }
    s->years.no_periods = !(s->ctx.cues & (1u << ROLE_PERIOD));
}

/* Whether the number follows a yearly average of a change (年均增长,
 * 年均分别增长): only change and link words stand between them. */
static int averaged_over_years(const sentence_scan *s, size_t clause, const quantity *q)
{
    const vocab *v = &s->ex->words;
    const vocab_word *w;
    size_t found = vocab_find_last(v, ROLE_PER_YEAR, s->ctx.text, clause, q->pre_start, &w);
    if (found == (size_t)-1)
        return 0;
    for (size_t at = found + w->len; at < q->pre_start; at += w->len)
        if (!(w = vocab_match_at(v, ROLE_CHANGE, s->ctx.text, at, q->pre_start)) &&
            !(w = vocab_match_at(v, ROLE_LINK, s->ctx.text, at, q->pre_start)))
            return 0;
    return 1;
}

/* The year of a figure: a goal of yearly average growth with no year of
 * its own (地区生产总值年均增长5%左右) is one for the five-year period the
 * document's year opens or lies in. */
static int year_of_figure(sentence_scan *s, size_t clause, const quantity *q, es_ind_kind kind)
{
    int year = year_of(s, q);
    if (kind == ES_IND_TARGET && s->in->doc_year > 0 && (year == 0 || year == s->in->doc_year) &&
        averaged_over_years(s, clause, q))
        return years_period_end(&s->ex->words, s->in->doc_year);
    return year;
}

/* Longest reference a difference names (全国平均水平, 自治区). */
#define MAX_REFERENCE_CHARS 12

/* A figure compared with another: an earlier value right after its base
 * (比上年18.39亿元, 较2015年的58%) is a result of the base's year and
 * measures what the previous figure does; a difference from a reference
 * (高于全国平均水平5.1个百分点) that is no goal is a change, of what its
 * clause names before the reference or else of the previous figure's
 * measure. Returns 1 when the metric is the previous figure's, and sets
 * the kind, *year for an earlier value and *metric_end where the clause's
 * own metric ends before a reference. */
static int compared_with_previous(sentence_scan *s, size_t clause, quantity *q, es_ind_kind *kind, int *year,
                                  size_t *metric_end)
{
    const vocab *v = &s->ex->words;
    if (*kind == ES_IND_RANK)
        return 0;
    int base_year;
    if (s->previous && compare_base_before(v, s->ctx.text, clause, q->pre_start, &base_year) != (size_t)-1) {
        *kind = ES_IND_ACTUAL;
        *year = base_year == BASE_PREVIOUS_YEAR ? (s->in->doc_year ? s->in->doc_year - 1 : 0) : base_year;
        return 1;
    }
    size_t diff;
    if (*kind != ES_IND_TARGET && (s->ctx.cues & (1u << ROLE_DIFFERENCE)) &&
        (diff = difference_before(v, s->ctx.text, clause, q->pre_start, MAX_REFERENCE_CHARS)) != (size_t)-1) {
        *kind = ES_IND_CHANGE;
        strcpy(q->cmp, "=");
        size_t own = clause;
        while (own < diff && s->ctx.text[own] == ' ')
            own++;
        if (own < diff) {
            *metric_end = diff;
            return 0;
        }
        return s->previous != NULL;
    }
    return 0;
}

/* Whether a count of things planned (新建3所、改扩建1所) is followed in
 * its sentence by the progress made on them (目前完工4所, 已竣工56所): a
 * clause opening with a result word that counts in the same unit. The
 * planned count is then a goal the progress is measured against. */
static int planned_before_progress(const sentence_scan *s, const quantity *q, const char *metric)
{
    const vocab *v = &s->ex->words;
    if (!q->unit[0] || vocab_find(v, ROLE_PLAN_VERB, metric, 0, strlen(metric), NULL) == (size_t)-1)
        return 0;
    const char *t = s->ctx.text;
    size_t unit_len = strlen(q->unit);
    for (size_t at = q->end; at < s->ctx.end;) {
        size_t mark = es_clause_mark_len(t, at, s->ctx.end);
        if (!mark) {
            at += es_u8_len(t + at);
            continue;
        }
        size_t clause = at + mark, end = clause;
        while (end < s->ctx.end && !es_clause_mark_len(t, end, s->ctx.end))
            end += es_u8_len(t + end);
        if (vocab_find(v, ROLE_RESULT, t, clause, end, NULL) != (size_t)-1)
            for (size_t p = clause; p + unit_len <= end; p++)
                if (es_is_digit(t[p]) && p + 1 + unit_len <= end && memcmp(t + p + 1, q->unit, unit_len) == 0)
                    return 1;
        at = end;
    }
    return 0;
}

static void emit(sentence_scan *s, quantity *q, es_indicator_list *out)
{
    size_t clause = clause_start_before(s, q->pre_start);
    char scope[16] = "";
    es_ind_kind kind;
    int rank;
    if (!classify(s, clause, q, &kind, scope, sizeof scope, &rank))
        return;
    int base_year = 0;
    size_t metric_end = 0;
    int compared = compared_with_previous(s, clause, q, &kind, &base_year, &metric_end);
    if (in_heading_marker(s->in, s->index, q->span_start))
        return;
    size_t rs, re;
    es_view_to_raw(s->in->view, q->span_start, q->span_end, &rs, &re);
    int in_list = continues_list(s, clause);
    if (!in_list || (clause == s->clause_floor && s->ctx.text[clause] == '('))
        start_breakdown(s, clause, q->pre_start);
    follow_list_kind(s, in_list, clause, &kind, q);
    follow_whole_kind(s, clause, &kind, q);
    metric_ctx m = metric_context(s, clause, q, kind, rank, in_list);
    m.same_as_previous = compared;
    m.prefix_end = metric_end;
    es_indicator *ind = indicator_push(out);
    *ind = (es_indicator){
        .start = rs, .end = re, .sentence = s->index,
        .value = q->value, .value_hi = q->value_hi, .has_hi = q->has_hi, .kind = kind,
        .year = base_year ? base_year : year_of_figure(s, clause, q, kind),
    };
    memcpy(ind->cmp, q->cmp, sizeof ind->cmp);
    memcpy(ind->unit, q->unit, sizeof ind->unit);
    memcpy(ind->scope, scope, sizeof ind->scope);
    ind->metric = metric_of(s, &m, q, in_list);
    if (kind == ES_IND_ACTUAL && !compared && planned_before_progress(s, q, ind->metric))
        ind->kind = kind = ES_IND_TARGET;
    figure_period(s, clause, q, compared || base_year, ind);
    ind->subject = subject_of(&s->ex->words, ind->metric);
    s->previous = ind->metric;
    s->previous_kind = kind;
    s->previous_negative = q->value < 0;
    s->clause_floor = q->end;
}

/* End of the run of Chinese numerals at text[at] when nothing that makes
 * a quantity follows it (十四五规划, 一流), else `at`. A place (第一,
 * 全国前十) is always read. */
static size_t skip_plain_numerals(const sentence_scan *s, size_t at)
{
    const char *t = s->ctx.text;
    size_t end = at;
    while (end < s->ctx.end && ((unsigned char)t[end] & 0x80) && es_is_cn_numeral(es_u8_cp(t + end)))
        end += es_u8_len(t + end);
    if (end < s->ctx.end && ((unsigned char)t[end] & 0x80)) {
        unsigned cp = (unsigned)es_u8_cp(t + end);
        if (cp >= 0x10000 || marked(s->ex->after_numeral, cp))
            return at;
    }
    if (end < s->ctx.end && !((unsigned char)t[end] & 0x80) && t[end] != ' ')
        return at;   /* 二-三: an ASCII joiner */
    size_t marker;
    const char *cmp;
    if (quantity_place_marker(&s->ex->words, t, s->ctx.start, at, &marker, &cmp) != PLACE_NONE)
        return at;
    return end;
}

/* How far past an opening quotation mark its first clause mark is looked
 * for: a name in quotes is short. */
#define MAX_QUOTE_LOOKAHEAD 240

/* Whether a quotation opened right before text[at] runs over clauses
 * before it closes: speech, no name, and what it says counts (“全市规划建设
 * 幼儿园61所，其中新建55所…”). */
static int is_speech(const char *t, size_t at, size_t end)
{
    if (end - at > MAX_QUOTE_LOOKAHEAD)
        end = at + MAX_QUOTE_LOOKAHEAD;   /* each opening mark looks this far at most */
    for (; at < end; at += es_u8_len(t + at)) {
        if (t[at] == ',' || t[at] == ';')
            return 1;
        if ((unsigned char)t[at] >= 0x80 && quote_delta(es_u8_cp(t + at)) < 0)
            return 0;
    }
    return 0;
}

static void scan_sentence(sentence_scan *s, es_indicator_list *out)
{
    const char *t = s->ctx.text;
    s->out = out;
    s->first_out = out->n;
    int quoted = 0;
    size_t at = s->ctx.start;
    const unsigned char *either = s->ex->either;
    while (at < s->ctx.end) {
        unsigned char c = (unsigned char)t[at];
        if ((c & 0xF0) == 0xE0) {
            /* The common case, a 3-byte character nothing is looked for in,
             * decoded here without the general decoder's branches. */
            unsigned cp = ((c & 0x0Fu) << 12) | (((unsigned char)t[at + 1] & 0x3Fu) << 6) |
                          ((unsigned char)t[at + 2] & 0x3Fu);
            if (!(either[cp >> 3] & (1u << (cp & 7)))) {
                at += 3;
                continue;
            }
        } else if (c < 0x80 && !es_is_digit((char)c)) {
            at++;
            continue;
        }
        if (c >= 0x80) {
            unsigned cp = (unsigned)es_u8_cp(t + at);
            if (cp < 0x10000 && !marked(s->ex->either, cp)) {
                at += es_u8_len(t + at);
                continue;
            }
            if (cp < 0x10000 && marked(s->ex->cue_start, cp))
                note_cues(s, at);   /* 十四五 starts with a numeral too */
            if (cp < 0x10000 && !marked(s->ex->scanned, cp)) {
                at += es_u8_len(t + at);
                continue;
            }
            int d = quote_delta((int32_t)cp);
            if (d > 0 && is_speech(t, at + es_u8_len(t + at), s->ctx.end))
                d = 0;
            if (d)
                quoted = quoted + d < 0 ? 0 : quoted + d;
            if (!es_is_cn_numeral((int32_t)cp)) {
                at += es_u8_len(t + at);
                continue;
            }
            size_t run_end = skip_plain_numerals(s, at);
            if (run_end > at) {
                at = run_end;
                continue;
            }
        }
        quantity q;
        size_t next;
        int ok = quantity_read(&s->ex->words, t, s->clause_floor, s->ctx.end, at, &q, &next);
        if (ok && !quoted)
            emit(s, &q, out);
        at = next > at ? next : at + 1;
    }
}


void scan_stretch(const es_extractor *ex, const es_extract_input *in, const scan_span *sp,
                  es_indicator_list *out)
{
    sentence_scan s = {
        .ex = ex, .in = in, .index = sp->sentence, .topic = sp->topic,
        .part_year = sp->part_year > 0 ? sp->part_year : 0,
        .span_first = sp->span_first, .span_last = sp->span_last,
        .ctx = {
            .text = in->view->text,
            .start = sp->start,
            .end = sp->end,
            .doc_kind = in->doc_kind,
            .doc_year = in->doc_year,
            .zone = sp->zone,
            .column = sp->column,
        },
    };
    s.clause_floor = sp->clause_floor > sp->start ? sp->clause_floor : sp->start;
    s.years.start = s.years.scanned = s.ctx.start;
    s.years.no_periods = 1;
    scan_sentence(&s, out);
    free(s.lead);
    free(s.list_prefix);
    free(s.base);
    free(s.base_lead);
    drop_respective(&s);
}
