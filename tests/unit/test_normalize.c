/* Tests for the normalized view and its map back to raw offsets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <utf8proc.h>

#include "edushell/text/hanzi.h"
#include "edushell/text/normalize.h"

static void test_ascii_and_cjk_unchanged(void **state)
{
    (void)state;
    const char *raw = "ab新增57所";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_string_equal(v.text, raw);
    assert_int_equal(v.len, strlen(raw));
    /* Every byte maps to the start of the raw character it belongs to. */
    const size_t expect[] = { 0, 1, 2, 2, 2, 5, 5, 5, 8, 9, 10, 10, 10, 13 };
    for (size_t i = 0; i <= v.len; i++)
        assert_int_equal(v.map[i], expect[i]);
    es_view_free(&v);
}

static void test_full_width_maps_back(void **state)
{
    (void)state;
    const char *raw = "覆盖率达９２．８１％，";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_string_equal(v.text, "覆盖率达92.81%,");
    const char *at = strstr(v.text, "92.81%");
    assert_non_null(at);
    size_t vs = (size_t)(at - v.text), rs, re;
    es_view_to_raw(&v, vs, vs + strlen("92.81%"), &rs, &re);
    assert_int_equal(rs, strlen("覆盖率达"));
    assert_int_equal(re, strlen("覆盖率达９２．８１％"));
    assert_memory_equal(raw + rs, "９２．８１％", re - rs);
    assert_int_equal(v.map[v.len], strlen(raw));
    es_view_free(&v);
}

static void test_spaces_and_punctuation(void **state)
{
    (void)state;
    const char *raw = "\xE3\x80\x80" "2～3所（一）";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_string_equal(v.text, " 2~3所(一)");
    es_view_free(&v);
}

static void test_nfkc_and_expansion(void **state)
{
    (void)state;
    /* NFKC: the ligature ﬁ becomes two letters, both mapping to its start;
     * a circled digit becomes a digit. */
    const char *raw = "a\xEF\xAC\x81" "b①";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_string_equal(v.text, "afib1");
    assert_int_equal(v.map[1], 1);
    assert_int_equal(v.map[2], 1);
    size_t rs, re;
    es_view_to_raw(&v, 1, 3, &rs, &re);
    assert_int_equal(rs, 1);
    assert_int_equal(re, 4);
    es_view_to_raw(&v, 2, 3, &rs, &re);   /* half of an expansion: the whole character */
    assert_int_equal(rs, 1);
    assert_int_equal(re, 4);
    es_view_free(&v);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char raw[] = { 'a', (char)0xFF, 'b', (char)0xE4, (char)0xB8 };
    es_view v;
    es_view_build(raw, sizeof raw, &v);
    assert_string_equal(v.text, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(v.map[1], 1);
    assert_int_equal(v.map[4], 2);
    assert_int_equal(v.map[v.len], sizeof raw);
    es_view_free(&v);
}

static void test_empty(void **state)
{
    (void)state;
    es_view v;
    es_view_build("", 0, &v);
    assert_int_equal(v.len, 0);
    assert_string_equal(v.text, "");
    assert_int_equal(v.map[0], 0);
    es_view_free(&v);
}

/* Traditional characters read as simplified in the view, each mapping
 * back to its raw character; simplified text, and characters simplified
 * Chinese writes too (著 乾 於), stay. */
static void test_traditional_read_as_simplified(void **state)
{
    (void)state;
    const char *raw = "無錫市普惠性幼兒園覆蓋率達９２．８１％，學校";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_string_equal(v.text, "无锡市普惠性幼儿园覆盖率达92.81%,学校");
    const char *at = strstr(v.text, "覆盖率");
    size_t vs = (size_t)(at - v.text), rs, re;
    es_view_to_raw(&v, vs, vs + strlen("覆盖率"), &rs, &re);
    assert_memory_equal(raw + rs, "覆蓋率", re - rs);
    es_view_free(&v);

    const char *simplified = "著名的乾隆年间关于于是后来里面发展";
    es_view_build(simplified, strlen(simplified), &v);
    assert_string_equal(v.text, simplified);
    es_view_free(&v);

    /* A text in traditional characters reads those simplified Chinese
     * writes too as simplified: 不少於 is 不少于, 以後 以后; a simplified
     * text naming 於 (a family name) among its many keeps it. */
    const char *trad = "建設不少於10個市級師德涵養教育基地，以後逐年增加";
    es_view_build(trad, strlen(trad), &v);
    assert_string_equal(v.text, "建设不少于10个市级师德涵养教育基地,以后逐年增加");
    es_view_free(&v);
    const char *named = "于是后来於老师在全市学校发展中作经验交流并提出建议";
    es_view_build(named, strlen(named), &v);
    assert_string_equal(v.text, named);
    es_view_free(&v);

    assert_int_equal(es_hanzi_simplified(0x5B78), 0x5B66);   /* 學 学 */
    assert_int_equal(es_hanzi_simplified(0x8457), 0x8457);   /* 著 stays */
    assert_int_equal(es_hanzi_simplified('A'), 'A');
    assert_int_equal(es_hanzi_simplified(0x20000), 0x20000);
}

/* A hard-wrapped text (lines as long as the column is wide, one after
 * another) reads as running text: a line break inside a sentence is left
 * out of the view, a span across it covers the raw break; a line ending a
 * sentence, a heading and the text of an unwrapped page keep theirs. */
static void test_wrapped_lines_join(void **state)
{
    (void)state;
    const char *raw = "一、基本情况\n"
                      "全县共有各级各类学校一百二十所，义务教育巩\n"
                      "固率达到百分之九十九点五，高中阶段毛入学率\n"
                      "达到99.5%，比上年提高零点三个百分点左右。\n"
                      "二、主要做法\n"
                      "全县教师队伍持续优化，专任教师学历达标率达\n"
                      "到百分之百，骨干教师比例进一步提高，县域内\n"
                      "交流教师人数达到三百二十名，成效较为明显。\n";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_non_null(strstr(v.text, "义务教育巩固率达到"));
    assert_non_null(strstr(v.text, "毛入学率达到99.5%"));
    assert_non_null(strstr(v.text, "左右。\n二、主要做法\n全县"));
    const char *at = strstr(v.text, "巩固率");
    size_t vs = (size_t)(at - v.text), rs, re;
    es_view_to_raw(&v, vs, vs + strlen("巩固率"), &rs, &re);
    assert_memory_equal(raw + rs, "巩\n固率", re - rs);
    es_view_free(&v);

    const char *plain = "一、基本情况\n全县共有学校一百二十所。\n（一）学前教育\n新建幼儿园三所\n";
    es_view_build(plain, strlen(plain), &v);
    assert_string_equal(v.text, "一、基本情况\n全县共有学校一百二十所。\n(一)学前教育\n新建幼儿园三所\n");
    es_view_free(&v);
}

/* Digit groups written with spaces are one number; other spaces stay. */
static void test_digit_groups(void **state)
{
    (void)state;
    const char *raw = "在校生12 345人，经费1 234 567元，2020 2021年，第3 200名中x1 234";
    es_view v;
    es_view_build(raw, strlen(raw), &v);
    assert_string_equal(v.text, "在校生12345人,经费1234567元,2020 2021年,第3200名中x1 234");
    const char *at = strstr(v.text, "1234567");
    size_t vs = (size_t)(at - v.text), rs, re;
    es_view_to_raw(&v, vs, vs + strlen("1234567"), &rs, &re);
    assert_memory_equal(raw + rs, "1 234 567", re - rs);
    es_view_free(&v);
}

static void test_display_width(void **state)
{
    (void)state;
    assert_int_equal(es_display_width("abc", 3), 3);
    assert_int_equal(es_display_width("教育", strlen("教育")), 4);
    assert_int_equal(es_display_width("９％", strlen("９％")), 4);
    assert_int_equal(es_display_width("e\xCC\x81", 3), 1);   /* combining accent */
}

/* ASCII and the ideographs take a path of their own: each is as wide as
 * utf8proc says, and so is every character around them. */
static void test_display_width_of_each_character(void **state)
{
    (void)state;
    for (int32_t cp = 0; cp < 0xA000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        uint8_t enc[4];
        utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
        int w = utf8proc_charwidth(cp);
        assert_int_equal(es_display_width((const char *)enc, (size_t)n), w > 0 ? (size_t)w : 0);
    }
    assert_int_equal(es_display_width("\xE4\xB8", 2), 2);   /* a cut ideograph: two bad bytes */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_and_cjk_unchanged),
        cmocka_unit_test(test_wrapped_lines_join),
        cmocka_unit_test(test_digit_groups),
        cmocka_unit_test(test_full_width_maps_back),
        cmocka_unit_test(test_spaces_and_punctuation),
        cmocka_unit_test(test_nfkc_and_expansion),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_traditional_read_as_simplified),
        cmocka_unit_test(test_display_width),
        cmocka_unit_test(test_display_width_of_each_character),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
