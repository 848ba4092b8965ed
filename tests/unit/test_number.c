/* Tests for number parsing: Arabic and Chinese numerals, scale words,
 * ranges, fractions, and where a number stops. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "edushell/extract/number.h"

/* Fails with both values when they differ by more than eps. */
static void assert_near(double got, double want, double eps)
{
    double diff = got > want ? got - want : want - got;
    if (diff > eps)
        fail_msg("got %.10g, want %.10g", got, want);
}

static es_number parse(const char *s)
{
    es_number n;
    memset(&n, 0, sizeof n);
    assert_int_equal(es_number_parse(s, strlen(s), &n), 1);
    return n;
}

/* Parses s and checks value and how many bytes were read. */
static void check(const char *s, double value, size_t len)
{
    es_number n = parse(s);
    assert_near(n.value, value, 1e-9 * (value < 0 ? -value : value) + 1e-9);
    assert_int_equal(n.len, len);
    assert_int_equal(n.is_range, 0);
}

static void test_arabic(void **state)
{
    (void)state;
    check("57所", 57, 2);
    check("92.81%", 92.81, 5);
    check("0.97所", 0.97, 4);
    check("1,234,567人", 1234567, 9);
    check("1,23人", 1, 1);             /* not a thousands group */
    check("8．推进", 8, 1);            /* a heading number, not a decimal */
    check("３．５万", 35000, 12);      /* full-width digits and point */
}

static void test_scale_words(void **state)
{
    (void)state;
    check("3.2万个", 32000, 6);
    check("1.4亿元", 140000000, 6);
    check("7151万元", 71510000, 7);
    check("1.5万亿", 1.5e12, 9);
    check("3千万", 3e7, 7);
    check("100千瓦", 100, 3);         /* 千瓦 is a unit, not a scale */
    check("2百分点", 2, 1);
}

static void test_chinese(void **state)
{
    (void)state;
    check("五个", 5, 3);
    check("十二", 12, 6);
    check("三百零五", 305, 12);
    check("两千", 2000, 6);
    check("一亿三千万", 130000000, 15);
    check("十万", 100000, 6);
    check("万人", 10000, 3);
    check("二十", 20, 6);
    check("十四五", 14, 6);            /* a name: the digits stop at 五 */
    check("二〇二一", 2, 3);
}

static void test_ranges(void **state)
{
    (void)state;
    const char *cases[] = { "2-3所", "2～3所", "2至3所", "2~3所" };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        es_number n = parse(cases[k]);
        assert_int_equal(n.is_range, 1);
        assert_near(n.value, 2, 1e-9);
        assert_near(n.value_hi, 3, 1e-9);
        assert_memory_equal(cases[k] + n.len, "所", 3);
    }
    es_number n = parse("2-3万人");
    assert_int_equal(n.is_range, 1);
    assert_near(n.value, 20000, 1e-9);
    assert_near(n.value_hi, 30000, 1e-9);
    n = parse("一至四期");
    assert_int_equal(n.is_range, 1);
    assert_near(n.value_hi, 4, 1e-9);
    /* Not a range when the second figure is not larger. */
    n = parse("2024-00016");
    assert_int_equal(n.is_range, 0);
    assert_int_equal(n.len, 4);
}

static void test_fractions(void **state)
{
    (void)state;
    check("1/10", 0.1, 4);
    check("三分之一", 1.0 / 3, 12);
    check("1/0", 1, 1);                /* no division by zero */
}

static void test_not_numbers(void **state)
{
    (void)state;
    es_number n;
    assert_int_equal(es_number_parse("所有", strlen("所有"), &n), 0);
    assert_int_equal(es_number_parse("", 0, &n), 0);
    assert_int_equal(es_number_parse("abc", 3, &n), 0);
    /* Never reads past the length given. */
    assert_int_equal(es_number_parse("123", 2, &n), 1);
    assert_int_equal(n.len, 2);
    assert_near(n.value, 12, 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arabic),
        cmocka_unit_test(test_scale_words),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_fractions),
        cmocka_unit_test(test_not_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
