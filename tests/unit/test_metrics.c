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
    /* Schools are counted in 所 or, as sites, in 处. */
    es_metrics_put(&t, "school_new", "新建学校", NULL, 0, "义务教育", "所", "higher");
    assert_string_equal(es_metrics_match(&t, "新建学校", "处"), "school_new");
    assert_null(es_metrics_match(&t, "新建学校", "个"));
    assert_null(es_metrics_match(&t, "新增幼儿园", "所"));
    /* The alias must end the phrase: a share of GDP is not the GDP. */
    assert_null(es_metrics_match(&t, "海洋生产总值占GDP比重", "%"));
    /* An exact alias matches the whole phrase only. */
    assert_string_equal(es_metrics_match(&t, "生产总值", "元"), "gdp");
    assert_null(es_metrics_match(&t, "海洋生产总值", "元"));
    /* Redefining an id replaces it. */
    es_metrics_put(&t, "kg_puhui", "普惠园覆盖率", NULL, 0, "学前教育", "%", "higher");
    assert_int_equal(t.n, 5);
    assert_null(es_metrics_match(&t, "全市普惠性幼儿园覆盖率", "%"));
    assert_string_equal(es_metrics_match(&t, "普惠园覆盖率", "%"), "kg_puhui");
    es_metrics_free(&t);
}

/* What stands before an alias can make the phrase another measure: a flow
 * of things built, a part of the whole, several subjects listed, or a
 * level the alias only ends; such a phrase links to no metric rather than
 * to a wrong one. */
static void test_words_before_an_alias(void **state)
{
    (void)state;
    es_metric_table t = {0};
    const char *schools[] = {"义务教育学校", "小学校舍面积"};
    const char *enrol[] = {"在园幼儿"};
    const char *income[] = {"居民人均可支配收入"};
    const char *rate[] = {"初中适龄人口入学率"};
    es_metrics_put(&t, "cs_schools", "义务教育学校数", schools, 1, "义务教育", "所", "higher");
    es_metrics_put(&t, "ps_floor", "小学校舍面积", schools + 1, 1, "义务教育", "平方米", "higher");
    es_metrics_put(&t, "kg_enrol", "在园幼儿", enrol, 1, "学前教育", "人", "higher");
    es_metrics_put(&t, "income", "居民人均可支配收入", income, 1, "经济与社会", "元", "higher");
    es_metrics_put(&t, "js_rate", "初中适龄人口入学率", rate, 1, "义务教育", "%", "higher");
    assert_string_equal(es_metrics_match(&t, "全县义务教育学校", "所"), "cs_schools");
    assert_null(es_metrics_match(&t, "新建改扩建义务教育学校", "所"));
    assert_string_equal(es_metrics_match(&t, "全市在园幼儿", "人"), "kg_enrol");
    assert_null(es_metrics_match(&t, "公办幼儿园在园幼儿", "人"));
    assert_null(es_metrics_match(&t, "农村居民人均可支配收入", "元"));
    assert_null(es_metrics_match(&t, "小学和初中适龄人口入学率", "%"));
    assert_string_equal(es_metrics_match(&t, "普通小学校舍面积", "平方米"), "ps_floor");
    assert_null(es_metrics_match(&t, "中小学校舍面积", "平方米"));
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
    /* The measures education statistics share, by level, as pages write them. */
    static const struct { const char *phrase, *unit, *id; } links[] = {
        {"全县小学在校生", "人", "ps_enrol"},       {"普通小学在校学生数", "", "ps_enrol"},
        {"幼儿园招生", "人", "kg_entrants"},        {"幼儿园", "所", "kg_schools"},
        {"初中专任教师数", "人", "js_teachers"},    {"普通高中学生与专任教师比", "", "hs_ptr"},
        {"高中阶段教育毛入学率", "%", "hs_gross_enrollment"}, {"学前三年毛入园率", "%", "kg_gross_enrollment"},
        {"九年义务教育巩固率", "%", "cs_consolidation"}, {"中职在校生人数", "人", "voc_enrol"},
        {"特殊教育学校在校生", "人", "sp_enrol"},    {"一般公共预算教育经费", "元", "edu_budget_spending"},
        {"新建改扩建义务教育学校", "所", NULL},      {"公办幼儿园在园幼儿", "人", NULL},
        {"其他教育经费", "元", NULL},
    };
    for (size_t k = 0; k < sizeof links / sizeof *links; k++) {
        const char *id = es_metrics_match(&t, links[k].phrase, links[k].unit);
        if ((id == NULL) != (links[k].id == NULL) || (id && strcmp(id, links[k].id) != 0))
            fail_msg("%s links to %s, expected %s", links[k].phrase, id ? id : "(none)",
                     links[k].id ? links[k].id : "(none)");
    }
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
        cmocka_unit_test(test_words_before_an_alias),
        cmocka_unit_test(test_bundled_table_loads),
        cmocka_unit_test(test_bad_table_names_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
