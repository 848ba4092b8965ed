/* The kind of a document (the labelling guide's kinds: plan, summary,
 * midyear, progress, stats, gov-report, report, other), from what it says
 * it is, in this order:
 *   1. its title and the short lines that open it, page furniture left out
 *      (当前位置, 来源:, 发布时间): the first cue of KIND_CUES found there;
 *   2. its headings near the top (一、上半年任务完成情况);
 *   3. the marks of a news report (记者, 星报讯, 据了解): news of results;
 *   4. its shape: most sentences giving a figure with last year's beside
 *      it (比上年增加, 较上年减少) make a statistics bulletin;
 *   5. an article put out on a web page (来源:, 发布时间) reports results;
 *   6. a text that tells what has been done (截至, 累计, 已, 建成, 新增) far
 *      more often than what is to be (力争, 确保, 目标, 计划) reports results:
 *      a letter or a news story looking back on a year.
 * Cues inside 《》 name another document and count for nothing. */
#include "meta_infer.h"

#include <string.h>

#include "edushell/base/common.h"
#include "edushell/document/metadata.h"
#include "spans.h"

typedef struct kind_cue {
    const char *cue;
    const char *kind;
} kind_cue;

/* Checked in order: the first cue found names the kind, so 上半年…完成情况
 * is a midyear report, 政府工作报告 wins over everything and 情况表 (a
 * table of statistics) over 完成情况. */
static const kind_cue KIND_CUES[] = {
    {"政府工作报告", ES_KIND_GOVREPORT},
    {"上半年", ES_KIND_MIDYEAR},
    {"半年工作", ES_KIND_MIDYEAR},
    {"自评报告", ES_KIND_REPORT},
    {"自查报告", ES_KIND_REPORT},
    {"督导评估", ES_KIND_REPORT},
    {"督导报告", ES_KIND_REPORT},
    {"评估报告", ES_KIND_REPORT},
    {"述职", ES_KIND_REPORT},
    {"统计公报", ES_KIND_STATS},
    {"统计公告", ES_KIND_STATS},
    {"事业统计", ES_KIND_STATS},
    {"情况表", ES_KIND_STATS},
    {"统计表", ES_KIND_STATS},
    {"统计数据", ES_KIND_STATS},
    {"教育概况", ES_KIND_STATS},
    {"[概况]", ES_KIND_STATS},
    {"执行情况公告", ES_KIND_STATS},
    {"年鉴", ES_KIND_STATS},
    {"完成情况", ES_KIND_PROGRESS},
    {"要点", ES_KIND_PLAN},
    {"工作计划", ES_KIND_PLAN},
    {"行动计划", ES_KIND_PLAN},
    {"工作安排", ES_KIND_PLAN},
    {"规划", ES_KIND_PLAN},
    {"总结", ES_KIND_SUMMARY},
    {"进展情况", ES_KIND_PROGRESS},
    {"工作进展", ES_KIND_PROGRESS},
    {"回顾", ES_KIND_PROGRESS},
    {"回眸", ES_KIND_PROGRESS},
    {"发展报告", ES_KIND_PROGRESS},
};

/* The marks a news report carries near its top: it reports results. */
static const char *const NEWS_MARKS[] = {
    "记者", "星报讯", "日报讯", "晚报讯", "新闻网讯", "通讯员", "据了解", "融媒", "新闻发布会", "电(",
};

/* Lines starting so are page furniture, not what the document says it is. */
static const char *const FURNITURE_STARTS[] = {
    "当前位置", "您现在的位置", "首页", "来源", "发布时间", "发布日期", "时间:", "日期:", "作者", "分享",
    "字体", "浏览", "打印", "下面是",
};

/* The labels of a web page's furniture: an article put out on a site,
 * which, when nothing else says what it is, reports results. */
static const char *const WEB_MARKS[] = {"来源:", "发布时间", "发布日期", "信息来源", "浏览次数", "点击数"};

/* Comparisons with last year that statistics bulletins give for most figures. */
static const char *const LAST_YEAR[] = {"比上年", "较上年", "比去年", "较去年"};

/* Words of what has been done, and of what is to be done. */
static const char *const DONE_WORDS[] = {
    "截至", "累计", "以来", "年来", "已", "达到", "建成", "新增", "完成", "实现", "取得", "投入使用",
};
static const char *const TO_BE_WORDS[] = {"力争", "确保", "预计", "目标", "计划", "规划", "拟", "下一步", "明年"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* How much of a document's opening lines is read for its title's words. */
#define OPENING_LINES 6
#define OPENING_LINE_BYTES 300
#define HEADING_MAX_CHARS 40
#define NEWS_HEAD_BYTES 1500
/* A statistics bulletin compares most of its figures with last year. */
#define STATS_MIN_COMPARISONS 5
#define STATS_SHARE_PERCENT 25
/* A report of results tells a few things done, and more than twice as
 * many as it sets out to do. */
#define RESULTS_MIN_DONE 3
#define RESULTS_DONE_PER_TO_BE 2

/* Whether text[at] lies inside 《》: another document's title. */
static int inside_title_marks(const char *s, size_t at)
{
    int depth = 0;
    for (size_t p = 0; p + 3 <= at; p++) {
        if (memcmp(s + p, "《", 3) == 0)
            depth++;
        else if (memcmp(s + p, "》", 3) == 0 && depth > 0)
            depth--;
    }
    return depth > 0;
}

/* Words that, with a five-year period named beside them, make a title
 * one of a plan: “十四五”教育事业发展主要指标表. */
static const char *const PERIOD_PLAN_WORDS[] = {"指标", "目标"};

/* The kind the first cue found in s[0..len) names, or NULL. */
static const char *kind_in(const char *s, size_t len)
{
    for (size_t i = 0; i < COUNT(PERIOD_PLAN_WORDS); i++)
        if (meta_find(s, len, PERIOD_PLAN_WORDS[i]) && es_period_end_in(s, len))
            return ES_KIND_PLAN;
    for (size_t i = 0; i < COUNT(KIND_CUES); i++) {
        const char *hit = meta_find(s, len, KIND_CUES[i].cue);
        while (hit && inside_title_marks(s, (size_t)(hit - s))) {
            size_t from = (size_t)(hit - s) + strlen(KIND_CUES[i].cue);
            hit = meta_find(s + from, len - from, KIND_CUES[i].cue);
        }
        if (hit)
            return KIND_CUES[i].kind;
    }
    return NULL;
}

const char *es_kind_of_title(const char *title)
{
    return title ? kind_in(title, strlen(title)) : NULL;
}

static int is_furniture(const meta_line *l)
{
    for (size_t i = 0; i < COUNT(FURNITURE_STARTS); i++)
        if (meta_starts(l->s, l->len, FURNITURE_STARTS[i]))
            return 1;
    return meta_find(l->s, l->len, ">") != NULL && meta_find(l->s, l->len, "首页") != NULL;
}

/* Marks of running text: a title holds none. */
static const char *const SENTENCE_MARKS[] = {"。", ",", ";", "!", "?"};

/* How much of a line could be a title: all of a short line without the
 * marks of a sentence; of a long one, what comes before its first mark
 * (编号:123 某区教育局2019年上半年工作总结汇报,…). */
static size_t title_part(const meta_line *l)
{
    size_t n = l->len;
    for (size_t i = 0; i < COUNT(SENTENCE_MARKS); i++) {
        const char *m = meta_find(l->s, n, SENTENCE_MARKS[i]);
        if (m)
            n = (size_t)(m - l->s);
    }
    return n < OPENING_LINE_BYTES ? n : 0;
}

/* The opening lines other than page furniture, each read as far as a
 * title could reach. */
static const char *kind_of_opening(const char *text, size_t len)
{
    size_t pos = 0, seen = 0;
    meta_line l;
    while (seen < OPENING_LINES && meta_line_next(text, len, &pos, &l)) {
        if (l.len == 0 || is_furniture(&l))
            continue;
        seen++;
        const char *kind = kind_in(l.s, title_part(&l));
        if (kind)
            return kind;
    }
    return NULL;
}

const char *es_kind_of_headings(const char *text, size_t len)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES;
    size_t pos = 0;
    meta_line l;
    while (meta_line_next(text, head, &pos, &l)) {
        if (l.len == 0 || es_u8_count(l.s, l.len) > HEADING_MAX_CHARS || meta_ends(l.s, l.len, "。"))
            continue;
        const char *kind = kind_in(l.s, l.len);
        if (kind)
            return kind;
    }
    return NULL;
}

static size_t count_word(const char *text, size_t len, const char *word)
{
    size_t n = 0, wl = strlen(word);
    for (const char *p = text; (p = meta_find(p, len - (size_t)(p - text), word)) != NULL; p += wl)
        n++;
    return n;
}

/* Whether one of the n marks stands in the text's first NEWS_HEAD_BYTES. */
static int head_has_mark(const char *text, size_t len, const char *const *marks, size_t n)
{
    size_t head = len < NEWS_HEAD_BYTES ? len : NEWS_HEAD_BYTES;
    for (size_t i = 0; i < n; i++)
        if (meta_find(text, head, marks[i]))
            return 1;
    return 0;
}

static int is_news(const char *text, size_t len)
{
    return head_has_mark(text, len, NEWS_MARKS, COUNT(NEWS_MARKS));
}

static int is_web_article(const char *text, size_t len)
{
    return head_has_mark(text, len, WEB_MARKS, COUNT(WEB_MARKS));
}

static int is_bulletin(const char *text, size_t len)
{
    size_t comparisons = 0;
    for (size_t i = 0; i < COUNT(LAST_YEAR); i++)
        comparisons += count_word(text, len, LAST_YEAR[i]);
    size_t sentences = count_word(text, len, "。") + count_word(text, len, ";") + 1;
    return comparisons >= STATS_MIN_COMPARISONS && comparisons * 100 >= sentences * STATS_SHARE_PERCENT;
}

static int tells_results(const char *text, size_t len)
{
    size_t done = 0, to_be = 0;
    for (size_t i = 0; i < COUNT(DONE_WORDS); i++)
        done += count_word(text, len, DONE_WORDS[i]);
    for (size_t i = 0; i < COUNT(TO_BE_WORDS); i++)
        to_be += count_word(text, len, TO_BE_WORDS[i]);
    return done >= RESULTS_MIN_DONE && done > to_be * RESULTS_DONE_PER_TO_BE;
}

const char *es_infer_kind(const char *text, size_t len, const char *title)
{
    const char *kind = es_kind_of_title(title);
    if (!kind)
        kind = kind_of_opening(text, len);
    if (!kind)
        kind = es_kind_of_headings(text, len);
    if (!kind && is_news(text, len))
        kind = ES_KIND_PROGRESS;
    if (!kind && is_bulletin(text, len))
        kind = ES_KIND_STATS;
    if (!kind && (is_web_article(text, len) || tells_results(text, len)))
        kind = ES_KIND_PROGRESS;
    return kind;
}
