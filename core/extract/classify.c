/* Kind, rank scope, year and goal zones of quantities. */
#include "classify.h"

#include "edushell/document/metadata.h"
#include "edushell/base/uchar.h"
#include "years.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Zone named by a heading. A heading ends in its head noun: 主要工作完成
 * 情况 is about results, 2024年工作成效和下一步计划 about both, whose
 * sentences then decide one by one. Work named without a time (重点工作,
 * 主要任务) takes the time its heading's other words give (上半年重点工作,
 * 下半年主要任务), and alone heads goals. */
static zone heading_zone(const vocab *v, const char *text, size_t start, size_t end)
{
    size_t target = vocab_find_last(v, ROLE_ZONE_TARGET, text, start, end, NULL);
    size_t actual = vocab_find_last(v, ROLE_ZONE_ACTUAL, text, start, end, NULL);
    if (target == (size_t)-1 && actual == (size_t)-1)
        return vocab_find(v, ROLE_ZONE_WORK, text, start, end, NULL) != (size_t)-1 ? ZONE_TARGET : ZONE_NONE;
    if (target == (size_t)-1)
        return ZONE_ACTUAL;
    if (actual == (size_t)-1)
        return ZONE_TARGET;
    size_t first = target < actual ? target : actual, last = target < actual ? actual : target;
    static const char *const joins[] = { "和", "及", "与", "、" };
    for (size_t k = 0; k < sizeof joins / sizeof *joins; k++)
        for (size_t at = first; at + 3 <= last; at += es_u8_len(text + at))
            if (memcmp(text + at, joins[k], 3) == 0)
                return ZONE_MIXED;
    return target > actual ? ZONE_TARGET : ZONE_ACTUAL;
}

/* A paragraph too short to be prose and not ending as a sentence does is
 * an unnumbered heading (“十四五”时期工作回顾, 2026年重点工作). */
#define MAX_BARE_HEADING 60

static int ends_like_sentence(const char *text, size_t end)
{
    if (end >= 3 && memcmp(text + end - 3, "。", 3) == 0)
        return 1;
    return end >= 1 && (text[end - 1] == ':' || text[end - 1] == ';' || text[end - 1] == '!' ||
                        text[end - 1] == '?');
}

/* The text of paragraph k that may name a zone, or 0 when it is no heading. */
static int heading_text(const es_extract_input *in, size_t k, size_t *section, size_t *start, size_t *end)
{
    const es_structure *st = in->st;
    const es_span *para = &st->paragraphs[k];
    while (*section < st->nsections && st->sections[*section].start < para->start)
        (*section)++;
    *start = para->start;
    if (*section < st->nsections && st->sections[*section].start == para->start) {
        const es_section *sec = &st->sections[*section];
        /* Second-level headings (（五）加快释放改革开放成效) name topics. */
        if (sec->level > 1)
            return 0;
        /* Only the heading itself counts, not a paragraph run on after it. */
        long sent = es_structure_sentence_at(st, sec->start);
        *end = sent >= 0 && st->sentences[sent].end < para->end ? st->sentences[sent].end : para->end;
        return 1;
    }
    *end = para->end;
    return para->end - para->start <= MAX_BARE_HEADING && !ends_like_sentence(in->view->text, para->end);
}

/* Whether a line names a kind of document (政府工作报告): it is a title. */
static int names_document(const vocab *v, const char *text, size_t start, size_t end)
{
    return vocab_find(v, ROLE_TITLE, text, start, end, NULL) != (size_t)-1;
}

/* Whether a heading names the document's own year or a later period:
 * in a government work report a numbered one (三、关于2026年工作, 全力推动
 * “十五五”开好局) opens the goals of the year ahead. */
static int names_year_ahead(const vocab *v, const es_extract_input *in, size_t start, size_t end)
{
    int year = years_named_last(v, in->view->text, start, end);
    return year == YEAR_OF_DOCUMENT || (year > 0 && in->doc_year > 0 && year >= in->doc_year);
}

/* How far into a paragraph its opening sentence is read (五年来，…;
 * 这是经济实力持续提升的五年。). */
#define OPENING_BYTES 150
/* Years of a five-year period. */
#define SPAN_YEARS 5

/* The end of a paragraph's first clause, past blanks and dashes. */
static size_t first_clause(const char *text, size_t *start, size_t end)
{
    size_t at = *start;
    while (at < end && (text[at] == ' ' || (end - at >= 3 && memcmp(text + at, "—", 3) == 0)))
        at += text[at] == ' ' ? 1 : 3;
    *start = at;
    while (at < end && !es_clause_mark_len(text, at, end))
        at += es_u8_len(text + at);
    return at;
}

/* The period a paragraph's opening puts it and the paragraphs after it
 * in: five years (五年来, 过去五年, “十四五”时期, 2021年以来, 这是…的五年)
 * ending with the part's year or the year a period word names. A
 * paragraph opening with a year (过去一年, 刚刚过去的2025年) is about that
 * year again. */
static void paragraph_span(const vocab *v, const es_extract_input *in, size_t k, part *p)
{
    const es_span *para = &in->st->paragraphs[k];
    const char *text = in->view->text;
    size_t start = para->start;
    size_t end = para->end - para->start > OPENING_BYTES ? para->start + OPENING_BYTES : para->end;
    for (size_t at = para->start; at < end; at += es_u8_len(text + at))
        if (end - at >= 3 && memcmp(text + at, "。", 3) == 0) {
            end = at;
            break;
        }
    /* The opening clauses: a salutation (各位代表!) may come first. */
    size_t clause = first_clause(text, &start, end);
    if (clause < end && es_clause_mark_len(text, clause, end) && es_u8_count(text + start, clause - start) <= 6) {
        size_t next = clause + es_clause_mark_len(text, clause, end);
        clause = first_clause(text, &next, end);
    }
    int span_here = vocab_find(v, ROLE_SPAN_OPEN, text, start, clause, NULL) != (size_t)-1;
    if (!span_here && (vocab_find(v, ROLE_YEAR_OPEN, text, start, clause, NULL) != (size_t)-1 ||
                       years_named_last(v, text, start, clause) > 0)) {
        p->span_first = p->span_last = 0;
        return;
    }
    if (!span_here && vocab_find(v, ROLE_SPAN_OPEN, text, start, end, NULL) == (size_t)-1)
        return;
    const vocab_word *w;
    int last = 0;
    if (vocab_find(v, ROLE_PERIOD, text, start, end, &w) != (size_t)-1)
        last = atoi(w->arg);
    if (last <= 0)
        last = p->year > 0 ? p->year : in->doc_year;
    if (last > 0) {
        p->span_first = last - SPAN_YEARS + 1;
        p->span_last = last;
    }
}

part *classify_parts(const vocab *v, const es_extract_input *in)
{
    const es_structure *st = in->st;
    part *parts = es_xcalloc(st->nparagraphs ? st->nparagraphs : 1, sizeof *parts);
    /* A government work report opens with a review of the year before
     * its own, whether or not a heading says so. */
    int gov_report = in->doc_kind && strcmp(in->doc_kind, ES_KIND_GOVREPORT) == 0;
    part current = { ZONE_NONE, gov_report && in->doc_year > 0 ? in->doc_year - 1 : 0, 0, 0 };
    size_t section = 0, start, end;
    for (size_t k = 0; k < st->nparagraphs; k++) {
        if (heading_text(in, k, &section, &start, &end)) {
            zone z = heading_zone(v, in->view->text, start, end);
            int numbered = section < st->nsections && st->sections[section].start == st->paragraphs[k].start;
            if (gov_report && numbered && z == ZONE_NONE && names_year_ahead(v, in, start, end)) {
                current = (part){ ZONE_TARGET, in->doc_year, 0, 0 };
                parts[k] = current;
                continue;
            }
            /* A heading opens a part when it says what the part is about or
             * is numbered; a bare line such as a date does not. */
            if (z != ZONE_NONE)
                current.zone = z;
            /* Its year too, unless a numbered heading names one in passing
             * (全力推动“十五五”开好局 heads this year's work) or a bare line
             * is the document's title (2026年福建省政府工作报告). */
            int year = z != ZONE_NONE || (!numbered && !names_document(v, in->view->text, start, end))
                           ? years_named_last(v, in->view->text, start, end) : 0;
            /* Goals named without a year (今年主要预期目标, or 主要预期目标
             * broken off its sentence by a line break) are the document's
             * own year's at the earliest. A numbered heading about a plan
             * (关于规划纲要的说明) may review the years before it. */
            if (year == YEAR_OF_DOCUMENT ||
                (year == 0 && z == ZONE_TARGET && !numbered && current.year < in->doc_year))
                year = in->doc_year;
            if (year > 0)
                current.year = year;
            current.span_first = current.span_last = 0;
            parts[k] = current;
            continue;
        }
        paragraph_span(v, in, k, &current);
        parts[k] = current;
    }
    return parts;
}

typedef struct scope_char {
    const char *ch;
    const char *scope;
} scope_char;

/* A province, country or city named in the clause (江苏省同类高校第一名). */
static const scope_char scope_chars[] = {
    { "省", "全省" }, { "国", "全国" }, { "市", "全市" },
};

static const char *scope_by_char(const char *text, size_t start, size_t at)
{
    while (at > start) {
        at = es_u8_prev(text, start, at);
        for (size_t k = 0; k < sizeof scope_chars / sizeof *scope_chars; k++)
            if (memcmp(text + at, scope_chars[k].ch, 3) == 0)
                return scope_chars[k].scope;
    }
    return NULL;
}

/* Last scope word in text[start, end). */
static const vocab_word *last_scope(const vocab *v, const char *text, size_t start, size_t end)
{
    const vocab_word *found = NULL, *w;
    size_t at = start;
    while (at < end) {
        size_t hit = vocab_find(v, ROLE_SCOPE, text, at, end, &w);
        if (hit == (size_t)-1)
            break;
        found = w;
        at = hit + w->len;
    }
    return found;
}

int classify_rank(const vocab *v, const sentence_ctx *s, size_t clause_start,
                  const quantity *q, char *scope, size_t scope_size)
{
    /* 第一批, 第一责任人, 前200强高校: an ordinal inside a name. */
    if ((!q->ranked_by_word || q->top) && q->span_end < s->end && ((unsigned char)s->text[q->span_end] & 0x80) &&
        es_is_han(es_u8_cp(s->text + q->span_end)))
        return 0;
    const vocab_word *w = last_scope(v, s->text, clause_start, q->span_start);
    const char *name = w ? w->arg : NULL;
    int verb = vocab_find(v, ROLE_RANK_VERB, s->text, clause_start, q->span_start, NULL) != (size_t)-1;
    int named = name != NULL;
    if (!name)
        name = scope_by_char(s->text, clause_start, q->span_start);
    /* 第2名 is a place in an order even when the field goes unsaid, but
     * not when it qualifies a noun (作为第一位的工作任务). */
    int modifies = s->end - q->span_end >= 3 && memcmp(s->text + q->span_end, "的", 3) == 0;
    if (!name && !verb && (!q->ranked_by_word || modifies))
        return 0;
    snprintf(scope, scope_size, "%s", name ? name : "");
    return named ? RANK_SCOPED : RANK_UNSCOPED;
}

/* Whether a phrase in which the cue is a plain noun (的目标) covers it. */
static int cue_negated(const vocab *v, const char *text, size_t start, size_t end,
                       size_t at, size_t len)
{
    const vocab_list *nots = &v->roles[ROLE_TARGET_NOT];
    for (size_t k = 0; k < nots->n; k++) {
        const vocab_word *w = &nots->words[k];
        for (size_t from = at + len >= start + w->len ? at + len - w->len : start; from <= at; from++)
            if (from + w->len <= end && memcmp(text + from, w->text, w->len) == 0)
                return 1;
    }
    return 0;
}

/* Whether text[at] lies inside quotation marks or title brackets opened
 * after `start`: a cue there is part of a name (《…行动计划》). */
static int inside_names(const char *text, size_t start, size_t at)
{
    int depth = 0;
    for (size_t p = start; p + 3 <= at; p += es_u8_len(text + p)) {
        if (memcmp(text + p, "“", 3) == 0 || memcmp(text + p, "《", 3) == 0)
            depth++;
        else if ((memcmp(text + p, "”", 3) == 0 || memcmp(text + p, "》", 3) == 0) && depth > 0)
            depth--;
    }
    return depth > 0;
}

/* How far before a figure a cue is looked for. Words a long way back in
 * one clause say nothing of the figure, and a sentence of thousands of
 * figures (a table flattened into one line) is then read in linear time,
 * not in time growing with the square of its length. */
#define CUE_REACH_BYTES 2000

/* The start of the last `reach` bytes of text[start, end), at a
 * character's first byte. */
static size_t reach_start(const char *text, size_t start, size_t end, size_t reach)
{
    if (end - start <= reach)
        return start;
    size_t from = end - reach;
    while (from < end && ((unsigned char)text[from] & 0xC0) == 0x80)
        from++;
    return from;
}

/* Offset of the last cue of `role` in text[start, end) (its last
 * CUE_REACH_BYTES) that is neither a plain noun phrase nor inside a
 * name, or CUE_NONE. */
static size_t last_cue(const vocab *v, vocab_role role, const char *text, size_t start, size_t end)
{
    start = reach_start(text, start, end, CUE_REACH_BYTES);
    const vocab_word *w;
    size_t at = start, last = CUE_NONE;
    while (at < end) {
        size_t hit = vocab_find(v, role, text, at, end, &w);
        if (hit == (size_t)-1)
            break;
        if (!cue_negated(v, text, start, end, hit, w->len) && !inside_names(text, start, hit))
            last = hit;
        at = hit + w->len;
    }
    return last;
}

static int has_cue(const vocab *v, vocab_role role, const char *text, size_t start, size_t end)
{
    return last_cue(v, role, text, start, end) != CUE_NONE;
}

/* Where goals named earlier in the sentence stop reaching: the clause of
 * the last word of a result (已, 目前, 截至) before `at`. */
static size_t result_clause(const vocab *v, const sentence_ctx *s, size_t at)
{
    if (!(s->cues & (1u << ROLE_RESULT)))
        return s->start;
    size_t hit = last_cue(v, ROLE_RESULT, s->text, s->start, at);
    if (hit == CUE_NONE)
        return s->start;
    while (hit > s->start) {
        size_t p = es_u8_prev(s->text, s->start, hit);
        if (es_clause_mark_len(s->text, p, hit))
            break;
        hit = p;
    }
    return hit;
}

/* Whether a cue of `role` stands in the sentence before `at`, after the
 * clause of the last result named. */
static int cue_before(const vocab *v, vocab_role role, sentence_ctx *s, size_t from, size_t at)
{
    if (!(s->cues & (1u << role)) || from >= at)
        return 0;
    return has_cue(v, role, s->text, from, at);
}

/* Whether a noun follows the quantity (提升40所普通高中): the verb before
 * it then acts on things counted, it does not measure a change. */
static int counts_an_object(const vocab *v, const sentence_ctx *s, const quantity *q)
{
    size_t at = q->end;
    if (at >= s->end || !((unsigned char)s->text[at] & 0x80) || !es_is_han(es_u8_cp(s->text + at)))
        return 0;
    return !vocab_match_at(v, ROLE_LINK, s->text, at, s->end) && !vocab_match_at(v, ROLE_STOP, s->text, at, s->end);
}

/* Whether the figure's own clause says what will be done: a weak cue
 * right before an act (建成后将新增, 计划维修改造, 拟建设). Alone (完成全年
 * 计划的95%, 将95%的学校纳入) it says nothing of the figure. */
static int will_act_before(const vocab *v, sentence_ctx *s, size_t from, size_t at)
{
    if (!(s->cues & (1u << ROLE_TARGET_WEAK)) || from >= at)
        return 0;
    static const vocab_role acts[] = { ROLE_LEAD, ROLE_STATUS, ROLE_PLAN_VERB, ROLE_CHANGE, ROLE_LINK };
    const vocab_word *w;
    for (size_t p = from; p < at; p += es_u8_len(s->text + p)) {
        if (!(w = vocab_match_at(v, ROLE_TARGET_WEAK, s->text, p, at)))
            continue;
        for (size_t k = 0; k < sizeof acts / sizeof *acts; k++)
            if (vocab_match_at(v, acts[k], s->text, p + w->len, at))
                return 1;
    }
    return 0;
}

/* Whether text[from, to) names a year (到2025年) or a time to come (年内,
 * 年底前): a time of its own after the result, which no longer reaches so
 * far. */
static int names_a_year(const char *text, size_t from, size_t to)
{
    static const char *const to_come[] = { "年内", "年底", "全年", "明年", "下半年", "今年" };
    for (size_t k = 0; k < sizeof to_come / sizeof *to_come; k++) {
        size_t n = strlen(to_come[k]);
        for (size_t at = from; at + n <= to; at++)
            if (memcmp(text + at, to_come[k], n) == 0)
                return 1;
    }
    for (size_t at = from, digits = 0; at < to; at++) {
        if (es_is_digit(text[at])) {
            digits++;
            continue;
        }
        if (digits == 4 && to - at >= 3 && memcmp(text + at, "年", 3) == 0)
            return 1;
        digits = 0;
    }
    return 0;
}

/* Where a share's whole begins before text[at] (占年度计划投资总额的|75%):
 * the words naming the whole (计划投资) say nothing of the share's kind.
 * `at` when the figure is no such share. */
static size_t share_start(const char *text, size_t clause, size_t at)
{
    static const char of[] = "的", share[] = "占";
    if (at < clause + 6 || memcmp(text + at - 3, of, 3) != 0)
        return at;
    clause = reach_start(text, clause, at, CUE_REACH_BYTES);
    for (size_t p = at - 3; p >= clause + 3; p = es_u8_prev(text, clause, p))
        if (memcmp(text + p - 3, share, 3) == 0)
            return p - 3;
    return at;
}

/* How far a result named earlier in a sentence reaches: a few clauses. */
#define RESULT_REACH_BYTES 300

/* Whether a result named earlier in the sentence reaches text[at]: no
 * year is named between the end of its clause and there. */
static int result_reaches(const vocab *v, const sentence_ctx *s, size_t at)
{
    if (!(s->cues & (1u << ROLE_RESULT)))
        return 0;
    size_t from = reach_start(s->text, s->start, at, RESULT_REACH_BYTES);
    size_t hit = last_cue(v, ROLE_RESULT, s->text, from, at);
    if (hit == CUE_NONE)
        return 0;
    while (hit < at && !es_clause_mark_len(s->text, hit, at))
        hit += es_u8_len(s->text + hit);
    return !names_a_year(s->text, hit, at);
}

static int doc_is(const sentence_ctx *s, const char *kind)
{
    return s->doc_kind && strcmp(s->doc_kind, kind) == 0;
}

es_ind_kind classify_kind(const vocab *v, sentence_ctx *s, size_t clause_start, int year, quantity *q)
{
    const vocab_word *change = vocab_match_before(v, ROLE_CHANGE, s->text, clause_start, q->pre_start);
    if (change && counts_an_object(v, s, q))
        change = NULL;
    if (change && change->arg[0] == '-') {
        q->value = -q->value;
        q->value_hi = -q->value_hi;
    }
    int changed = change || ((s->cues & (1u << ROLE_COMPARE)) && has_cue(v, ROLE_COMPARE, s->text, clause_start,
                                                                           q->pre_start));
    es_ind_kind reached = changed ? ES_IND_CHANGE : ES_IND_ACTUAL;
    /* A figure of an earlier year is a result even in a part about goals,
     * one of a later year a goal even in a review. A work report's review
     * states results: 确保, 预期 there tell what was aimed at and reached
     * (好的预期不断释放，GDP年均增长4.4%). */
    int earlier = year && s->doc_year && year < s->doc_year;
    int later = year && s->doc_year && year > s->doc_year;
    int review = earlier && s->zone != ZONE_TARGET && doc_is(s, ES_KIND_GOVREPORT);
    /* The figure's own clause first: a result (已, 目前, 截至) or a goal
     * (力争, 确保) said there decides. */
    if ((s->cues & (1u << ROLE_RESULT)) && has_cue(v, ROLE_RESULT, s->text, clause_start, q->pre_start))
        return reached;
    size_t cue_end = share_start(s->text, clause_start, q->pre_start);
    if (!review && (cue_before(v, ROLE_TARGET, s, clause_start, cue_end) ||
                    will_act_before(v, s, clause_start, cue_end)))
        return ES_IND_TARGET;
    if (later)
        return ES_IND_TARGET;
    /* Then a goal named earlier in the sentence, unless a result is named
     * between it and the figure; then the part a real heading opens, or the
     * column of a table. */
    size_t scope = result_clause(v, s, q->pre_start);
    if (!review && (cue_before(v, ROLE_TARGET, s, scope, cue_end) || will_act_before(v, s, scope, cue_end)))
        return ES_IND_TARGET;
    if (s->zone == ZONE_TARGET && !earlier)
        return ES_IND_TARGET;
    if (s->zone == ZONE_ACTUAL && s->column)
        return reached;
    /* Weak cues (将, 计划) make goals where the document does not report
     * results, and in parts about both. */
    if ((!s->doc_kind || s->zone == ZONE_MIXED) && !review && cue_before(v, ROLE_TARGET_WEAK, s, scope, cue_end))
        return ES_IND_TARGET;
    if (s->zone == ZONE_ACTUAL)
        return reached;
    /* A result named earlier in the sentence (截至目前，…已开工24处，其中…)
     * reports what is done, whatever the document's kind. */
    if (result_reaches(v, s, q->pre_start) && !cue_before(v, ROLE_TARGET_WEAK, s, scope, q->pre_start))
        return reached;
    /* Last, the document's kind: a plan's figures are goals, but for those
     * of years before it. */
    if (doc_is(s, ES_KIND_PLAN) && !earlier)
        return ES_IND_TARGET;
    return reached;
}
