/* The canonical metric table: loading data/metrics.tsv, normalization, and
 * the longest-alias match with units that fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edushell/extract/metric_table.h"

static void test_normalize_drops_punctuation(void **state)
{
    (void)state;
    char *n = es_metric_normalize("“我为群众办实事”（项目）、 省·市");
    assert_string_equal(n, "我为群众办实事项目省市");
    free(n);
}

static void test_longest_alias_with_fitting_unit(void **state)
{
    (void)state;
    es_metric_table t = {0};
    const char *gdp_aliases[] = {"=生产总值"};
    const char *growth_aliases[] = {"地区生产总值", "生产总值增长", "GDP增长"};
    es_metrics_put(&t, "gdp", "地区生产总值", gdp_aliases, 1, "经济与社会", "元", "higher");
    es_metrics_put(&t, "gdp_growth", "地区生产总值增长", growth_aliases, 3, "经济与社会", "%", "higher");
    es_metrics_put(&t, "kg_puhui", "普惠性幼儿园覆盖率", NULL, 0, "学前教育", "%", "higher");
    es_metrics_put(&t, "unemployment", "城镇调查失业率", NULL, 0, "经济与社会", "%", "lower");

    assert_string_equal(es_metrics_match(&t, "地区生产总值增长", "%"), "gdp_growth");
    /* The same phrase with a money unit is the amount, with % the growth. */
    assert_string_equal(es_metrics_match(&t, "地区生产总值", "元"), "gdp");
    assert_string_equal(es_metrics_match(&t, "地区生产总值", "%"), "gdp_growth");
    assert_string_equal(es_metrics_match(&t, "全市普惠性幼儿园覆盖率", "%"), "kg_puhui");
    /* A change in percentage points and a rank keep the rate's identity. */
    assert_string_equal(es_metrics_match(&t, "普惠性幼儿园覆盖率", "个百分点"), "kg_puhui");
    assert_string_equal(es_metrics_match(&t, "普惠性幼儿园覆盖率", "位"), "kg_puhui");
    assert_null(es_metrics_match(&t, "普惠性幼儿园覆盖率", "所"));
    assert_null(es_metrics_match(&t, "新增幼儿园", "所"));
    /* The alias must end the phrase: a share of GDP is not the GDP. */
    assert_null(es_metrics_match(&t, "海洋生产总值占GDP比重", "%"));
    /* An exact alias matches the whole phrase only. */
    assert_string_equal(es_metrics_match(&t, "生产总值", "元"), "gdp");
    assert_null(es_metrics_match(&t, "海洋生产总值", "元"));
    /* Redefining an id replaces it. */
    es_metrics_put(&t, "kg_puhui", "普惠园覆盖率", NULL, 0, "学前教育", "%", "higher");
    assert_int_equal(t.n, 4);
    assert_null(es_metrics_match(&t, "全市普惠性幼儿园覆盖率", "%"));
    assert_string_equal(es_metrics_match(&t, "普惠园覆盖率", "%"), "kg_puhui");
    es_metrics_free(&t);
}

static void test_bundled_table_loads(void **state)
{
    (void)state;
    es_metric_table t = {0};
    es_err err = {{0}};
    assert_int_equal(es_metrics_load_tsv(&t, EDUSHELL_SOURCE_DATA "/metrics.tsv", &err), 0);
    assert_true(t.n >= 20);
    for (size_t i = 0; i < t.n; i++) {
        assert_true(strcmp(t.items[i].direction, "higher") == 0 || strcmp(t.items[i].direction, "lower") == 0);
        assert_true(t.items[i].naliases >= 1);
        assert_true(*t.items[i].category);
    }
    assert_non_null(es_metrics_match(&t, "普惠性幼儿园覆盖率", "%"));
    assert_non_null(es_metrics_match(&t, "地区生产总值增长", "%"));
    es_metrics_free(&t);
}

static void test_bad_table_names_the_line(void **state)
{
    (void)state;
    char path[] = "/tmp/edushell-metrics-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char body[] = "id\tname\taliases\tcategory\tunit\tdirection\n\nok\t好\t\t学前教育\t%\thigher\nbad\tline\n";
    assert_int_equal(write(fd, body, sizeof body - 1), (ssize_t)(sizeof body - 1));
    close(fd);
    es_metric_table t = {0};
    es_err err = {{0}};
    assert_int_equal(es_metrics_load_tsv(&t, path, &err), -1);
    assert_non_null(strstr(err.msg, "line 4"));
    es_metrics_free(&t);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_drops_punctuation),
        cmocka_unit_test(test_longest_alias_with_fitting_unit),
        cmocka_unit_test(test_bundled_table_loads),
        cmocka_unit_test(test_bad_table_names_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
