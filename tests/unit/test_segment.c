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

/* --- tables flattened into text --- */

/* The text of table cell (row, col), or "" when there is none. */
static void cell_is(const char *text, const es_table *t, unsigned row, unsigned col, const char *expect)
{
    const es_table_cell *c = es_table_cell_at(t, row, col);
    if (!c) {
        if (*expect)
            fail_msg("no cell (%u, %u), expected %s", row, col, expect);
        return;
    }
    if (c->end - c->start != strlen(expect) || memcmp(text + c->start, expect, c->end - c->start) != 0)
        fail_msg("cell (%u, %u) is %.*s, expected %s", row, col, (int)(c->end - c->start), text + c->start, expect);
}

/* One cell a line, each ending in a bar: the heading is the labels before
 * the first row's label; a short row's figures go to the columns whose
 * figures are of their size. */
static void test_table_one_cell_a_line(void **state)
{
    (void)state;
    const char *text = "全县中小学情况\n学段 |\n学校数 |\n在校生数 |\n专任教师数 |\n生师比 |\n"
                       "小学 |\n41 |\n23150 |\n1288 |\n17.97 |\n初中 |\n18 |\n11042 |\n895 |\n12.34 |\n"
                       "高中 |\n5 |\n9731 |\n11.02 |\n注:数据截至年底。\n";
    es_structure st;
    segment(text, strlen(text), &st);
    assert_int_equal(st.tables.n, 1);
    const es_table *t = &st.tables.items[0];
    assert_int_equal(t->nrows, 4);
    assert_int_equal(t->ncols, 5);
    cell_is(text, t, 0, 0, "学段");
    cell_is(text, t, 0, 4, "生师比");
    cell_is(text, t, 2, 0, "初中");
    cell_is(text, t, 2, 3, "895");
    cell_is(text, t, 3, 2, "9731");
    cell_is(text, t, 3, 3, "");        /* 高中 gives no teachers */
    cell_is(text, t, 3, 4, "11.02");
    es_structure_free(&st);
}

/* Rows one a line between bars; a row whose first cell is merged with the
 * row above has its cells on the right. */
static void test_table_rows_between_bars(void **state)
{
    (void)state;
    const char *text = "项目 | 年度目标 | 完成情况 |\n一、学前 | 新建幼儿园3所 | 已完工2所 |\n新增学位900个 | 已新增600个 | |\n";
    es_structure st;
    segment(text, strlen(text), &st);
    assert_int_equal(st.tables.n, 1);
    const es_table *t = &st.tables.items[0];
    cell_is(text, t, 0, 1, "年度目标");
    cell_is(text, t, 1, 0, "一、学前");
    cell_is(text, t, 2, 0, "");
    cell_is(text, t, 2, 1, "新增学位900个");
    cell_is(text, t, 2, 2, "已新增600个");
    es_structure_free(&st);
}

/* Short lines led by a figure, with no label before it (a page's tool
 * bar under a copy number): no table, and nothing read before the text. */
static void test_no_table_led_by_a_figure(void **state)
{
    (void)state;
    const char *text = "副本1\n下载\n打印\n全屏\n收藏\n【字号:\n加大\n还原\n减小\n】\n"
                       "2026年政府工作报告\n";
    es_structure st;
    segment(text, strlen(text), &st);
    assert_int_equal(st.tables.n, 0);
    es_structure_free(&st);
}

/* One cell a paragraph, after a title: the first row's shape (a label, two
 * figures, an attribute) gives the columns; a parent with two parts
 * takes their figures column by column. */
static void test_table_one_cell_a_paragraph(void **state)
{
    (void)state;
    const char *text = "主要指标\n\n指标\n\n2021年\n\n2026年\n\n属性\n\n1.入学率(%)\n\n98%\n\n99%以上\n\n约束性\n\n"
                       "2.大班额比例(%)\n\n其中:小学\n\n初中\n\n3.1%\n\n5.2%\n\n0\n\n0\n\n预期性\n\n"
                       "以上指标按年度监测。\n";
    es_structure st;
    segment(text, strlen(text), &st);
    assert_int_equal(st.tables.n, 1);
    const es_table *t = &st.tables.items[0];
    assert_int_equal(t->ncols, 4);
    cell_is(text, t, 0, 0, "指标");
    cell_is(text, t, 0, 3, "属性");
    cell_is(text, t, 1, 1, "98%");
    cell_is(text, t, 1, 3, "约束性");
    cell_is(text, t, 2, 0, "2.大班额比例(%)");
    cell_is(text, t, 3, 0, "其中:小学");
    cell_is(text, t, 3, 1, "3.1%");
    cell_is(text, t, 4, 1, "5.2%");
    cell_is(text, t, 4, 2, "0");
    es_structure_free(&st);
}

/* Prose with short lines, figures in sentences, a line that is one bar:
 * no table. */
static void test_no_table_in_prose(void **state)
{
    (void)state;
    const char *text = "|\n一、工作回顾\n全县新建学校3所。\n二、下一步打算\n2024年\n继续推进。\n声明:内容来源于网络 |\n|\n";
    es_structure st;
    segment(text, strlen(text), &st);
    assert_int_equal(st.tables.n, 0);
    es_structure_free(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_paragraphs_and_sentences),
        cmocka_unit_test(test_sentence_at),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_sample_spans_are_sane),
        cmocka_unit_test(test_table_one_cell_a_line),
        cmocka_unit_test(test_table_rows_between_bars),
        cmocka_unit_test(test_table_one_cell_a_paragraph),
        cmocka_unit_test(test_no_table_led_by_a_figure),
        cmocka_unit_test(test_no_table_in_prose),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
