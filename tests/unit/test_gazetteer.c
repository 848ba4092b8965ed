/* The gazetteer: loading data/regions.tsv, lookups, short names, matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/document/gazetteer.h"

#define REGIONS_TSV EDUSHELL_SOURCE_DATA "/regions.tsv"

static int load(void **state)
{
    es_err err = {{0}};
    es_gazetteer *gz = es_gazetteer_load(REGIONS_TSV, &err);
    if (!gz)
        fprintf(stderr, "%s: %s\n", REGIONS_TSV, err.msg);
    *state = gz;
    return gz ? 0 : -1;
}

static int unload(void **state)
{
    es_gazetteer_free(*state);
    return 0;
}

static const es_region *region_named(const es_gazetteer *gz, const char *name)
{
    long at = es_gazetteer_find(gz, name);
    assert_true(at >= 0);
    const es_region *r = es_gazetteer_get(gz, at);
    assert_non_null(r);
    assert_string_equal(r->name, name);
    return r;
}

static void test_size(void **state)
{
    /* 31 provinces, about 330 prefectures and 2,800 counties. */
    size_t n = es_gazetteer_count(*state);
    assert_true(n > 3000 && n < 4000);
}

static void test_province(void **state)
{
    es_gazetteer *gz = *state;
    const es_region *r = region_named(gz, "江苏省");
    assert_string_equal(r->code, "320000");
    assert_string_equal(r->short_name, "江苏");
    assert_int_equal(r->level, ES_LEVEL_PROVINCE);
    assert_int_equal(r->parent, -1);
    assert_ptr_equal(es_gazetteer_get(gz, r->province), r);
}

static void test_prefecture(void **state)
{
    es_gazetteer *gz = *state;
    const es_region *r = region_named(gz, "无锡市");
    assert_string_equal(r->code, "320200");
    assert_string_equal(r->short_name, "无锡");
    assert_int_equal(r->level, ES_LEVEL_PREFECTURE);
    assert_string_equal(es_gazetteer_get(gz, r->parent)->name, "江苏省");
    assert_string_equal(es_gazetteer_get(gz, r->province)->name, "江苏省");
}

static void test_county_level_city(void **state)
{
    es_gazetteer *gz = *state;
    const es_region *r = region_named(gz, "太仓市");
    assert_string_equal(r->code, "320585");
    assert_string_equal(r->short_name, "太仓");
    assert_int_equal(r->level, ES_LEVEL_COUNTY);
    assert_string_equal(es_gazetteer_get(gz, r->parent)->name, "苏州市");
    assert_string_equal(es_gazetteer_get(gz, r->province)->name, "江苏省");
}

static void test_municipality(void **state)
{
    es_gazetteer *gz = *state;
    const es_region *city = region_named(gz, "上海市");
    assert_int_equal(city->level, ES_LEVEL_PROVINCE);
    assert_string_equal(city->short_name, "上海");
    /* Districts hang directly under the municipality: no 市辖区 in between. */
    const es_region *district = region_named(gz, "浦东新区");
    assert_int_equal(district->level, ES_LEVEL_COUNTY);
    assert_ptr_equal(es_gazetteer_get(gz, district->parent), city);
    assert_int_equal(es_gazetteer_find(gz, "市辖区"), -1);
    const es_region *chongqing_county = region_named(gz, "城口县");
    assert_string_equal(es_gazetteer_get(gz, chongqing_county->parent)->name, "重庆市");
}

static void test_province_administered_county(void **state)
{
    es_gazetteer *gz = *state;
    const es_region *r = region_named(gz, "仙桃市");
    assert_int_equal(r->level, ES_LEVEL_COUNTY);
    assert_string_equal(es_gazetteer_get(gz, r->parent)->name, "湖北省");
}

static void test_short_names(void **state)
{
    static const char *const cases[][2] = {
        {"广西壮族自治区", "广西"}, {"内蒙古自治区", "内蒙古"}, {"新疆维吾尔自治区", "新疆"},
        {"宁夏回族自治区", "宁夏"}, {"西藏自治区", "西藏"}, {"黑龙江省", "黑龙江"},
        {"延边朝鲜族自治州", "延边"}, {"海西蒙古族藏族自治州", "海西"},
        {"巴音郭楞蒙古自治州", "巴音郭楞"}, {"大兴安岭地区", "大兴安岭"},
        {"锡林郭勒盟", "锡林郭勒"}, {"神农架林区", "神农架"}, {"浦东新区", "浦东新"},
        {"和平区", "和平"}, {"沛县", "沛县"}, {"城区", "城区"},
    };
    es_gazetteer *gz = *state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const es_region *r = region_named(gz, cases[i][0]);
        assert_string_equal(r->short_name, cases[i][1]);
    }
}

static void test_same_name_counties(void **state)
{
    es_gazetteer *gz = *state;
    const char *text = "朝阳区教育局";
    long hits[8];
    size_t len = 0;
    int is_short = -1;
    size_t n = es_gazetteer_match(gz, text, strlen(text), 0, hits, 8, &len, &is_short);
    assert_true(n >= 2); /* 北京市朝阳区 and 长春市朝阳区 */
    assert_int_equal(len, strlen("朝阳区"));
    assert_int_equal(is_short, 0);
    int in_beijing = 0;
    for (size_t i = 0; i < n && i < 8; i++) {
        const es_region *r = es_gazetteer_get(gz, hits[i]);
        assert_string_equal(r->name, "朝阳区");
        in_beijing |= strcmp(es_gazetteer_get(gz, r->province)->name, "北京市") == 0;
    }
    assert_true(in_beijing);
}

static void test_shared_short_name(void **state)
{
    /* 吉林 is the short name of a province and of a prefecture: both are
     * reported, the province first. */
    es_gazetteer *gz = *state;
    const es_region *r = region_named(gz, "吉林市");
    assert_int_equal(r->level, ES_LEVEL_PREFECTURE);
    long hits[4];
    size_t len = 0;
    int is_short = 0;
    const char *text = "吉林教育";
    size_t n = es_gazetteer_match(gz, text, strlen(text), 1, hits, 4, &len, &is_short);
    assert_int_equal(n, 2);
    assert_int_equal(is_short, 1);
    assert_int_equal(es_gazetteer_get(gz, hits[0])->level, ES_LEVEL_PROVINCE);
    assert_int_equal(es_gazetteer_get(gz, hits[1])->level, ES_LEVEL_PREFECTURE);
}

static void test_match_longest(void **state)
{
    es_gazetteer *gz = *state;
    long hit = -1;
    size_t len = 0;
    int is_short = 0;
    const char *text = "无锡市教育局";
    assert_int_equal(es_gazetteer_match(gz, text, strlen(text), 1, &hit, 1, &len, &is_short), 1);
    assert_int_equal(len, strlen("无锡市"));
    assert_int_equal(is_short, 0);
    /* Without short names, 无锡 alone is nothing. */
    text = "无锡教育";
    assert_int_equal(es_gazetteer_match(gz, text, strlen(text), 0, &hit, 1, &len, &is_short), 0);
    assert_int_equal(es_gazetteer_match(gz, text, strlen(text), 1, &hit, 1, &len, &is_short), 1);
    assert_int_equal(len, strlen("无锡"));
    assert_int_equal(is_short, 1);
    /* Not at a name: and never in the middle of a UTF-8 character. */
    text = "教育局";
    assert_int_equal(es_gazetteer_match(gz, text, strlen(text), 1, &hit, 1, &len, &is_short), 0);
    text = "无锡市";
    assert_int_equal(es_gazetteer_match(gz, text + 1, strlen(text) - 1, 1, &hit, 1, &len, &is_short), 0);
    /* A name cut short by the end of the text does not match. */
    assert_int_equal(es_gazetteer_match(gz, "江", strlen("江"), 1, &hit, 1, &len, &is_short), 0);
}

/* es_gazetteer_next passes over characters no name begins with and stops
 * where one may; every name it would pass over is found by a match. */
static void test_next_candidate(void **state)
{
    es_gazetteer *gz = *state;
    const char *text = "今年以来，全体教师认真工作。无锡市教育局召开会议。";
    size_t len = strlen(text), at = es_gazetteer_next(gz, text, len, 0);
    assert_true(at <= (size_t)(strstr(text, "无锡市") - text));
    for (size_t p = 0; p < len; p += 1) {
        long hits[4];
        size_t name_len;
        int is_short;
        if (es_gazetteer_match(gz, text + p, len - p, 1, hits, 4, &name_len, &is_short))
            assert_true(es_gazetteer_next(gz, text, len, p) == p);
    }
    assert_int_equal(es_gazetteer_next(gz, "。。。", strlen("。。。"), 0), strlen("。。。"));
    assert_int_equal(es_gazetteer_next(gz, text, len, len), len);
}

static void test_unknown(void **state)
{
    es_gazetteer *gz = *state;
    assert_int_equal(es_gazetteer_find(gz, "开云网页版"), -1);
    assert_int_equal(es_gazetteer_find(gz, "无锡"), -1); /* short names are not full names */
    assert_int_equal(es_gazetteer_find(gz, ""), -1);
    assert_null(es_gazetteer_get(gz, -1));
    assert_null(es_gazetteer_get(gz, (long)es_gazetteer_count(gz)));
    assert_string_equal(es_level_name(ES_LEVEL_COUNTY), "county");
    assert_string_equal(es_level_name(ES_LEVEL_PREFECTURE), "prefecture");
    assert_string_equal(es_level_name(ES_LEVEL_PROVINCE), "province");
}

/* Writes `content` to a temporary file and tries to load it. */
static es_gazetteer *load_text(const char *content, es_err *err)
{
    char path[] = "/tmp/test_gazetteer_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    es_gazetteer *gz = es_gazetteer_load(path, err);
    remove(path);
    return gz;
}

static void test_bad_files(void **state)
{
    (void)state;
    es_err err = {{0}};
    assert_null(es_gazetteer_load("/nonexistent/regions.tsv", &err));
    assert_true(strlen(err.msg) > 0);

    static const char *const bad[][2] = {
        {"110000\t北京市\tprovince\t\n", "header"},
        {"code\tname\tlevel\tparent_code\n", "no regions"},
        {"code\tname\tlevel\tparent_code\n110000\t北京市\tcity\t\n", "unknown level"},
        {"code\tname\tlevel\tparent_code\n110000\t北京市\tprovince\n", "4 tab-separated"},
        {"code\tname\tlevel\tparent_code\n110105\t朝阳区\tcounty\t119900\n", "not found"},
        {"code\tname\tlevel\tparent_code\n11\t北京市\tprovince\t\n", "division code"},
        {"code\tname\tlevel\tparent_code\n110000\t北京市\tprovince\t\n110000\t天津市\tprovince\t\n", "duplicate"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        assert_null(load_text(bad[i][0], &err));
        if (!strstr(err.msg, bad[i][1]))
            fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, bad[i][1]);
    }
}

static void test_small_file(void **state)
{
    (void)state;
    es_err err = {{0}};
    es_gazetteer *gz = load_text("# comment\n\ncode\tname\tlevel\tparent_code\r\n"
                                 "110105\t朝阳区\tcounty\t110000\n110000\t北京市\tprovince\t\n",
                                 &err);
    assert_non_null(gz);
    assert_int_equal(es_gazetteer_count(gz), 2);
    const es_region *r = es_gazetteer_get(gz, es_gazetteer_find(gz, "朝阳区"));
    assert_string_equal(es_gazetteer_get(gz, r->parent)->name, "北京市");
    assert_string_equal(es_gazetteer_get(gz, r->province)->name, "北京市");
    es_gazetteer_free(gz);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size),
        cmocka_unit_test(test_province),
        cmocka_unit_test(test_prefecture),
        cmocka_unit_test(test_county_level_city),
        cmocka_unit_test(test_municipality),
        cmocka_unit_test(test_province_administered_county),
        cmocka_unit_test(test_short_names),
        cmocka_unit_test(test_same_name_counties),
        cmocka_unit_test(test_shared_short_name),
        cmocka_unit_test(test_match_longest),
        cmocka_unit_test(test_next_candidate),
        cmocka_unit_test(test_unknown),
    };
    const struct CMUnitTest standalone[] = {
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_small_file),
    };
    int failed = cmocka_run_group_tests_name("gazetteer", tests, load, unload);
    failed += cmocka_run_group_tests_name("gazetteer files", standalone, NULL, NULL);
    return failed;
}
