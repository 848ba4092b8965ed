/* Figures as Chinese readers write them, and CSV cells as spreadsheets
 * read them: tables of cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/present/figure.h"
#include "edushell/present/sheet.h"

typedef struct figure_case {
    double value;
    int has_hi;
    double hi;
    const char *unit, *cmp, *kind;
    const char *want;
} figure_case;

static const figure_case FIGURES[] = {
    /* money and counts: thousands separators, then 万, 亿, 万亿 */
    {10300000000000.0, 0, 0, "元", NULL, NULL, "10.3万亿元"},
    {372335000000.0, 0, 0, "元", NULL, NULL, "3723.35亿元"},
    {11370000000000.0, 0, 0, "元", "=", NULL, "11.37万亿元"},
    {1234, 0, 0, "所", NULL, NULL, "1,234所"},
    {57300, 0, 0, "家", NULL, NULL, "57,300家"},
    {149500, 0, 0, "个", NULL, NULL, "14.95万个"},
    {56340000, 0, 0, "人", NULL, NULL, "5634万人"},
    {123400000, 0, 0, "亩", NULL, NULL, "1.234亿亩"},
    {310000000, 0, 0, "千瓦", NULL, NULL, "3.1亿千瓦"},
    {9000000000000.0, 0, 0, "", NULL, NULL, "9万亿"},
    {57, 0, 0, "所", NULL, NULL, "57所"},
    {0.97, 0, 0, "所", NULL, NULL, "0.97所"},
    {-250000, 0, 0, "人", NULL, NULL, "-25万人"},
    /* rates never scale */
    {92.81, 0, 0, "%", NULL, NULL, "92.81%"},
    {1.5, 0, 0, "个百分点", NULL, NULL, "1.5个百分点"},
    {55.4, 0, 0, "倍", NULL, NULL, "55.4倍"},
    {120000, 0, 0, "%", NULL, NULL, "120,000%"},
    {36.2, 0, 0, "微克/立方米", NULL, NULL, "36.2微克/立方米"},
    {250000, 0, 0, "万吨", NULL, NULL, "250,000万吨"},
    /* ranges share one magnitude */
    {1, 1, 2, "所", NULL, NULL, "1–2所"},
    {4.5, 1, 5, "%", NULL, NULL, "4.5–5%"},
    {120000, 1, 150000, "人", NULL, NULL, "12–15万人"},
    {90000, 1, 150000, "人", NULL, NULL, "9–15万人"},
    /* comparators in words */
    {30, 0, 0, "所", ">=", NULL, "30所以上"},
    {3, 0, 0, "%", "<=", NULL, "不超过3%"},
    {5, 0, 0, "%", "~", NULL, "5%左右"},
    {100000000, 0, 0, "元", ">", NULL, "超过1亿元"},
    {2, 0, 0, "%", "<", NULL, "低于2%"},
    /* ranks */
    {2, 0, 0, "位", "=", "rank", "第二"},
    {1, 0, 0, "位", "=", "rank", "第一"},
    {12, 0, 0, "位", "=", "rank", "第十二"},
    {45, 0, 0, "位", "=", "rank", "第四十五"},
    {235, 0, 0, "位", "=", "rank", "第235"},
    {5, 0, 0, "位", "<=", "rank", "前五"},
    /* digits: at most six significant, four decimals, no trailing zeros */
    {1.0 / 3.0, 0, 0, NULL, NULL, NULL, "0.3333"},
    {56789.123, 0, 0, "元", NULL, NULL, "56,789.1元"},
    {2.0, 0, 0, "%", NULL, NULL, "2%"},
    {0.001, 0, 0, "%", NULL, NULL, "0.001%"},
    {-0.00001, 0, 0, "%", NULL, NULL, "0%"},
};

static void test_figures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof FIGURES / sizeof FIGURES[0]; i++) {
        const figure_case *c = &FIGURES[i];
        es_figure f = {c->value, c->has_hi, c->hi, c->unit, c->cmp, c->kind, 0};
        es_buf b = {0};
        es_figure_put(&b, &f);
        if (strcmp(b.data, c->want) != 0)
            fail_msg("case %zu (%g %s): expected %s, got %s", i, c->value, c->unit ? c->unit : "", c->want,
                     b.data);
        es_buf_free(&b);
    }
}

static void test_bare(void **state)
{
    (void)state;
    es_figure f = {372335000000.0, 0, 0, "元", ">=", NULL, 1};
    es_buf b = {0};
    es_figure_put(&b, &f);
    assert_string_equal(b.data, "3723.35亿");
    b.len = 0;
    f = (es_figure){2, 0, 0, "位", "=", "rank", 1};
    es_figure_put(&b, &f);
    assert_string_equal(b.data, "2");
    b.len = 0;
    f = (es_figure){92.81, 0, 0, "%", NULL, NULL, 1};
    es_figure_put(&b, &f);
    assert_string_equal(b.data, "92.81");
    es_buf_free(&b);
}

static void test_numbers(void **state)
{
    (void)state;
    static const struct { double v; const char *want; } cases[] = {
        {0, "0"}, {1234567, "1,234,567"}, {-1234.5, "-1,234.5"}, {999, "999"}, {1000, "1,000"},
        {0.5, "0.5"}, {123456.789, "123,457"}, {NAN, "–"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        es_buf b = {0};
        es_number_put(&b, cases[i].v);
        assert_string_equal(b.data, cases[i].want);
        es_buf_free(&b);
    }
}

static void test_scale(void **state)
{
    (void)state;
    double d;
    assert_string_equal(es_figure_scale(4.2e11, "元", &d), "亿");
    assert_true(d == 1e8);
    assert_string_equal(es_figure_scale(2e12, "", &d), "万亿");
    assert_true(d == 1e12);
    assert_string_equal(es_figure_scale(6e5, "人", &d), "万");
    assert_true(d == 1e4);
    assert_string_equal(es_figure_scale(9e4, "人", &d), "");
    assert_true(d == 1);
    assert_string_equal(es_figure_scale(6e5, "%", &d), "");
    assert_string_equal(es_figure_scale(6e5, "元/人", &d), "");
}

static void test_csv_cells(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"plain", "plain"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
        {"+1", "\"'+1\""},
        {"-2", "\"'-2\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\tx", "\"'\tx\""},
        {"无锡市", "无锡市"},
        {"=", "="},
        {"-", "-"},
        {">=", ">="},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        es_buf b = {0};
        es_csv_put_text(&b, cases[i].in, strlen(cases[i].in));
        assert_string_equal(b.data ? b.data : "", cases[i].want);
        es_buf_free(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_bare),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_csv_cells),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
