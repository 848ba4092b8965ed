/* Tests for segmentation: headings with levels and parents, paragraphs,
 * sentences and their spans, found on the normalized view and mapped to
 * the raw text as the pipeline does. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"
#include "edushell/document/segment.h"
#include "edushell/text/normalize.h"

#define SAMPLE_TXT EDUSHELL_SOURCE_DATA "/sample/000_b6db7edfdf7e32f2.txt"

static const char doc[] =
    "2021年工作总结\n"
    "\n"
    "一、强化政治引领\n"
    "（一）思想建设\n"
    "1．政治建设全面加强。坚持讲政治！落实任务；\n"
    "　　一是加强学习？二是“做好”。\n"
    "2.5万人参加\n"
    "二、注重育人\n"
    "3. 推进改革\n";

/* The structure of a raw text, in raw offsets. */
static void segment(const char *text, size_t len, es_structure *st)
{
    es_view view;
    es_view_build(text, len, &view);
    es_segment(view.text, view.len, st);
    es_structure_to_raw(st, &view);
    es_view_free(&view);
}

static void span_is(const char *text, size_t start, size_t end, const char *expect)
{
    assert_int_equal(end - start, strlen(expect));
    assert_memory_equal(text + start, expect, end - start);
}

static void test_headings(void **state)
{
    (void)state;
    es_structure st;
    segment(doc, strlen(doc), &st);
    assert_int_equal(st.nsections, 6);
    const int levels[] = { 1, 2, 3, 4, 1, 3 };
    const long parents[] = { -1, 0, 1, 2, -1, 4 };
    const char *markers[] = { "一、", "（一）", "1．", "一是", "二、", "3." };
    for (size_t k = 0; k < st.nsections; k++) {
        assert_int_equal(st.sections[k].level, levels[k]);
        assert_int_equal(st.sections[k].parent, parents[k]);
        span_is(doc, st.sections[k].start, st.sections[k].marker_end, markers[k]);
    }
    span_is(doc, st.sections[0].start, st.sections[0].end, "一、强化政治引领");
    es_structure_free(&st);
}

static void test_paragraphs_and_sentences(void **state)
{
    (void)state;
    es_structure st;
    segment(doc, strlen(doc), &st);
    assert_int_equal(st.nparagraphs, 8);
    const char *sentences[] = {
        "2021年工作总结", "一、强化政治引领", "（一）思想建设",
        "1．政治建设全面加强。", "坚持讲政治！", "落实任务；",
        "一是加强学习？", "二是“做好”。", "2.5万人参加", "二、注重育人", "3. 推进改革",
    };
    assert_int_equal(st.nsentences, sizeof sentences / sizeof *sentences);
    for (size_t k = 0; k < st.nsentences; k++)
        span_is(doc, st.sentences[k].start, st.sentences[k].end, sentences[k]);
    /* "2.5万人" is a decimal, not heading 2., so it stays in section 一是. */
    assert_int_equal(st.sentences[8].section, 3);
    assert_int_equal(st.sentences[0].section, -1);
    assert_int_equal(st.sentences[5].paragraph, 3);
    assert_int_equal(st.sentences[10].section, 5);
    es_structure_free(&st);
}

static void test_sentence_at(void **state)
{
    (void)state;
    es_structure st;
    segment(doc, strlen(doc), &st);
    const char *at = strstr(doc, "讲政治");
    assert_int_equal(es_structure_sentence_at(&st, (size_t)(at - doc)), 4);
    assert_int_equal(es_structure_sentence_at(&st, 0), 0);
    /* The blank line between title and heading is in no sentence. */
    assert_int_equal(es_structure_sentence_at(&st, strlen("2021年工作总结\n")), -1);
    assert_int_equal(es_structure_sentence_at(&st, strlen(doc)), -1);
    es_structure_free(&st);
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    es_structure st;
    segment("", 0, &st);
    assert_int_equal(st.nsentences, 0);
    assert_int_equal(st.nparagraphs, 0);
    es_structure_free(&st);
    const char *blank = " \n\xE3\x80\x80\r\n\t\n";
    segment(blank, strlen(blank), &st);
    assert_int_equal(st.nparagraphs, 0);
    assert_int_equal(st.nsentences, 0);
    es_structure_free(&st);
}

static void test_sample_spans_are_sane(void **state)
{
    (void)state;
    char *text;
    size_t len;
    es_err err;
    assert_int_equal(es_read_file(SAMPLE_TXT, &text, &len, &err), 0);
    es_structure st;
    segment(text, len, &st);
    assert_true(st.nsentences > 100);
    assert_true(st.nsections >= 3);
    for (size_t k = 0; k < st.nsentences; k++) {
        const es_sentence *s = &st.sentences[k];
        assert_true(s->start < s->end && s->end <= len);
        assert_true(k == 0 || st.sentences[k - 1].end <= s->start);
        assert_true(text[s->start] != ' ' && text[s->start] != '\n');
        assert_int_equal(es_structure_sentence_at(&st, s->start), (long)k);
    }
    es_structure_free(&st);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_paragraphs_and_sentences),
        cmocka_unit_test(test_sentence_at),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_sample_spans_are_sane),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
