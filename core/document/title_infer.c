/* The title and the kind of a document.
 *
 * A title is a short line near the top that names a kind of document
 * (…工作总结, …工作要点, …完成情况). Lines that cannot be titles are
 * skipped: sentences, numbered headings, addressees, attachments and the
 * cover letter's own 通知 line, whose 《quoted》 title is preferred. */
#include "meta_infer.h"

#include <string.h>

#include "edushell/base/common.h"
#include "edushell/document/metadata.h"
#include "spans.h"

/* Words that end the titles of the documents this program reads. */
static const char *const title_cues[] = {
    "报告", "总结", "要点", "完成情况", "计划", "安排", "情况", "规划", "指标表", "公报", "概况",
};

/* Lines starting so are addressees, attachments or page furniture. */
static const char *const not_title_starts[] = {
    "附件", "现将", "抄", "主送", "各", "当前位置", "来源", "内容概述", "发布",
};

/* Sentence punctuation: a line holding it is text, not a title. */
static const char *const sentence_marks[] = {
    "。", ",", ";", ":", "!", "?",
};

/* Numerals that open an enumerated heading: 一、 （一） 1． 1. */
static const char *const chinese_numerals[] = {
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
};

/* Marks after the number of a numbered heading: 1. 1、 1) */
static const char *const number_marks[] = {".", "、", ")"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

#define TITLE_MAX_CHARS 60
#define HEADING_MAX_CHARS 40

static int has_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_find(s, len, words[i]))
            return 1;
    return 0;
}

static int starts_any(const char *s, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (meta_starts(s, len, words[i]))
            return 1;
    return 0;
}

static int is_enumerated(const char *s, size_t len)
{
    if (meta_starts(s, len, "("))
        return 1;
    size_t at = 0, n = 0;
    while (es_digit_value(s + at, len - at, &n) >= 0)
        at += n;
    if (at > 0 && starts_any(s + at, len - at, number_marks, COUNT(number_marks)))
        return 1;
    for (size_t i = 0; i < COUNT(chinese_numerals); i++) {
        size_t w = strlen(chinese_numerals[i]);
        if (meta_starts(s, len, chinese_numerals[i]) && meta_starts(s + w, len - w, "、"))
            return 1;
    }
    return 0;
}

static int is_title_line(const meta_line *l)
{
    size_t chars = es_u8_count(l->s, l->len);
    if (chars < 4 || chars > TITLE_MAX_CHARS)
        return 0;
    if (meta_find(l->s, l->len, "关于印发") || meta_ends(l->s, l->len, "通知"))
        return 0;
    if (starts_any(l->s, l->len, not_title_starts, COUNT(not_title_starts)))
        return 0;
    if (has_any(l->s, l->len, sentence_marks, COUNT(sentence_marks)) || is_enumerated(l->s, l->len))
        return 0;
    return has_any(l->s, l->len, title_cues, COUNT(title_cues));
}

/* The 《…》 title in a line that issues or forwards a document. */
static int quoted_title(const char *text, const meta_line *l, meta_span *title)
{
    if (!meta_find(l->s, l->len, "印发") && !meta_starts(l->s, l->len, "现将"))
        return 0;
    const char *open = meta_find(l->s, l->len, "《");
    if (!open)
        return 0;
    const char *body = open + strlen("《");
    const char *close = meta_find(body, (size_t)(l->s + l->len - body), "》");
    if (!close)
        return 0;
    size_t n = (size_t)(close - body);
    if (!has_any(body, n, title_cues, COUNT(title_cues)))
        return 0;
    *title = (meta_span){(size_t)(body - text), (size_t)(close - text)};
    return 1;
}

int es_infer_title(const char *text, size_t len, meta_span *title)
{
    size_t head = len < ES_META_HEAD_BYTES ? len : ES_META_HEAD_BYTES;
    size_t pos = 0;
    meta_line l;
    while (meta_line_next(text, head, &pos, &l))
        if (quoted_title(text, &l, title))
            return 1;
    pos = 0;
    while (meta_line_next(text, head, &pos, &l))
        if (is_title_line(&l)) {
            *title = (meta_span){l.offset, l.offset + l.len};
            return 1;
        }
    return 0;
}
