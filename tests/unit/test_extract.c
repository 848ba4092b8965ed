/* Tests for indicator extraction: every hard case of the labelling guide
 * as a small sentence, and the shapes that are not indicators. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/extract/extract.h"
#include "edushell/document/metadata.h"

/* Fails with both values when they differ by more than eps. */
static void assert_near(double got, double want, double eps)
{
    double diff = got > want ? got - want : want - got;
    if (diff > eps)
        fail_msg("got %.10g, want %.10g", got, want);
}

typedef struct run {
    const char *text;
    es_view view;
    es_structure st;
    es_indicator_list list;
} run;

static es_extractor *extractor(void)
{
    es_err err;
    es_extractor *ex = es_extractor_new(EDUSHELL_SOURCE_DATA, &err);
    if (!ex)
        fail_msg("%s", err.msg);
    return ex;
}

static int setup(void **state)
{
    *state = extractor();
    return 0;
}

static int teardown(void **state)
{
    es_extractor_free(*state);
    return 0;
}

static run *extract_year(void **state, const char *text, const char *kind, int year)
{
    run *r = calloc(1, sizeof *r);
    r->text = text;
    es_extract_text(*state, text, strlen(text), kind, year, &r->view, &r->st, &r->list);
    return r;
}

static run *extract(void **state, const char *text, const char *kind)
{
    return extract_year(state, text, kind, 2021);
}

static void run_free(run *r)
{
    es_indicator_list_free(&r->list);
    es_structure_free(&r->st);
    es_view_free(&r->view);
    free(r);
}

/* The indicator whose raw span reads `number` (the n-th such, from 0). */
static const es_indicator *find_nth(const run *r, const char *number, int nth)
{
    for (size_t k = 0; k < r->list.n; k++) {
        const es_indicator *ind = &r->list.items[k];
        if (ind->end - ind->start == strlen(number) &&
            memcmp(r->text + ind->start, number, strlen(number)) == 0 && nth-- == 0)
            return ind;
    }
    fail_msg("no indicator reads \"%s\" in: %s", number, r->text);
    return NULL;
}

static const es_indicator *find(const run *r, const char *number)
{
    return find_nth(r, number, 0);
}

static void expect(const es_indicator *ind, double value, const char *unit, es_ind_kind kind,
                   const char *cmp, const char *metric)
{
    assert_near(ind->value, value, 1e-6 * (value < 0 ? -value : value) + 1e-9);
    assert_string_equal(ind->unit, unit);
    assert_string_equal(es_ind_kind_name(ind->kind), es_ind_kind_name(kind));
    assert_string_equal(ind->cmp, cmp);
    if (metric)
        assert_string_equal(ind->metric, metric);
}

static void test_rate_with_link_verb(void **state)
{
    run *r = extract(state, "普惠性幼儿园覆盖率达92.81%。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 1);
    expect(find(r, "92.81%"), 92.81, "%", ES_IND_ACTUAL, "=", "普惠性幼儿园覆盖率");
    run_free(r);
}

static void test_list_shares_head(void **state)
{
    run *r = extract(state, "全年新增省优质园25所、市优质园14所。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "25所"), 25, "所", ES_IND_ACTUAL, "=", "新增省优质园");
    expect(find(r, "14所"), 14, "所", ES_IND_ACTUAL, "=", "新增市优质园");
    run_free(r);
}

static void test_value_with_change(void **state)
{
    run *r = extract(state, "公办园覆盖率65.95%，同比提升3.1个百分点。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "65.95%"), 65.95, "%", ES_IND_ACTUAL, "=", "公办园覆盖率");
    expect(find(r, "3.1个百分点"), 3.1, "个百分点", ES_IND_CHANGE, "=", "公办园覆盖率");
    run_free(r);
}

static void test_decrease_is_negative(void **state)
{
    run *r = extract(state, "纳入统计范围发文60件，同比减少6.3%。", ES_KIND_SUMMARY);
    expect(find(r, "60件"), 60, "件", ES_IND_ACTUAL, "=", "纳入统计范围发文");
    expect(find(r, "6.3%"), -6.3, "%", ES_IND_CHANGE, "=", "纳入统计范围发文");
    run_free(r);
}

static void test_rank_with_count(void **state)
{
    run *r = extract(state, "省中小学青年教师教学竞赛获特等奖2个，位列全省第一。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "2个"), 2, "个", ES_IND_ACTUAL, "=", NULL);
    const es_indicator *rank = find(r, "第一");
    expect(rank, 1, "位", ES_IND_RANK, "=", NULL);
    assert_string_equal(rank->scope, "全省");
    run_free(r);
}

static void test_rank_shapes(void **state)
{
    run *r = extract(state, "研究课数量列全国第一，奥赛成绩位居全省第二，"
                            "创新创业大赛总分第2名和优秀组织奖，新媒体排行榜名列全省前茅，"
                            "质量居全省前列。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 3);
    const es_indicator *first = find(r, "第一");
    expect(first, 1, "位", ES_IND_RANK, "=", "研究课数量");
    assert_string_equal(first->scope, "全国");
    const es_indicator *second = find(r, "第二");
    expect(second, 2, "位", ES_IND_RANK, "=", "奥赛成绩");
    assert_string_equal(second->scope, "全省");
    expect(find(r, "第2名"), 2, "位", ES_IND_RANK, "=", NULL);
    run_free(r);
}

static void test_rank_without_figure_of_its_own(void **state)
{
    run *r = extract(state, "两项评选通过率全省第一。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 1);
    expect(find(r, "第一"), 1, "位", ES_IND_RANK, "=", NULL);
    run_free(r);
}

/* 前N closes a leading group: a rank of N places (cmp <=), unless a noun
 * follows (前200强高校 is a kind of university) or it is a share (前1%). */
static void test_rank_in_leading_group(void **state)
{
    run *r = extract_year(state, "高铁运营里程稳居全国前三。人均GDP进入全国前8位，"
                                 "地区生产总值稳居全国前十强，农产品出口额保持西部第1位。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    const es_indicator *three = find(r, "前三");
    expect(three, 3, "位", ES_IND_RANK, "<=", "高铁运营里程");
    assert_string_equal(three->scope, "全国");
    expect(find(r, "前8位"), 8, "位", ES_IND_RANK, "<=", "人均GDP");
    expect(find(r, "前十强"), 10, "位", ES_IND_RANK, "<=", "地区生产总值");
    expect(find(r, "第1位"), 1, "位", ES_IND_RANK, "=", "农产品出口额");
    run_free(r);
    r = extract_year(state, "增速连续11个季度居全国前10位，引进世界排名前200强高校毕业生，"
                            "目前5所学校完成改造，15个学科进入ESI前1%。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    expect(find(r, "前10位"), 10, "位", ES_IND_RANK, "<=", "增速");
    expect(find(r, "5所"), 5, "所", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "1%"), 1, "%", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
    /* Places counted after 排名 are ranks; places moved by are a change. */
    r = extract_year(state, "集团在中国企业500强排名由369位上升到235位，区域创新能力全国排名提升4位。",
                     ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 3);
    expect(find(r, "369位"), 369, "位", ES_IND_RANK, "=", NULL);
    expect(find(r, "235位"), 235, "位", ES_IND_RANK, "=", NULL);
    expect(find(r, "4位"), 4, "位", ES_IND_CHANGE, "=", "区域创新能力");
    run_free(r);
}

static void test_chinese_numerals(void **state)
{
    run *r = extract(state, "三度被省政府表彰，获中学五个组别冠军。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "三度"), 3, "度", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "五个"), 5, "个", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

static void test_scale_inside_number(void **state)
{
    run *r = extract(state, "全市近7万名教师积极响应，资助资金达1.4亿元，"
                            "累计新增学位3.2万个，向全市70万中小学生提供在线教学。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 4);
    expect(find(r, "近7万名"), 70000, "名", ES_IND_ACTUAL, "~", NULL);
    expect(find(r, "1.4亿元"), 140000000, "元", ES_IND_ACTUAL, "=", "资助资金");
    expect(find(r, "3.2万个"), 32000, "个", ES_IND_ACTUAL, "=", "新增学位");
    expect(find(r, "70万"), 700000, "", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

static void test_plan_and_target_cues(void **state)
{
    run *r = extract(state, "新增省、市优质园30所以上。", ES_KIND_PLAN);
    expect(find(r, "30所"), 30, "所", ES_IND_TARGET, ">=", "新增省、市优质园");
    run_free(r);
    r = extract(state, "力争获评省首批高品质示范高中1-2所。", ES_KIND_SUMMARY);
    const es_indicator *range = find(r, "1-2所");
    expect(range, 1, "所", ES_IND_TARGET, "=", NULL);
    assert_true(range->has_hi);
    assert_near(range->value_hi, 2, 1e-9);
    run_free(r);
    /* 目标 as a plain noun does not make a goal. */
    r = extract(state, "提前实现省定的目标，全市投入1.6亿元。", ES_KIND_SUMMARY);
    expect(find(r, "1.6亿元"), 160000000, "元", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

static void test_midyear_second_half_is_target(void **state)
{
    run *r = extract(state, "一、上半年任务完成情况\n普惠性幼儿园覆盖率达86%。\n"
                            "二、下半年工作计划安排\n新建融合教育资源中心60个。\n", ES_KIND_MIDYEAR);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "86%"), 86, "%", ES_IND_ACTUAL, "=", "普惠性幼儿园覆盖率");
    expect(find(r, "60个"), 60, "个", ES_IND_TARGET, "=", "新建融合教育资源中心");
    run_free(r);
}

static void test_growth_reached_or_set(void **state)
{
    run *r = extract(state, "地区生产总值增长5.3%。", ES_KIND_GOVREPORT);
    expect(find(r, "5.3%"), 5.3, "%", ES_IND_CHANGE, "=", "地区生产总值");
    run_free(r);
    r = extract(state, "今年主要预期目标是：地区生产总值增长5%左右。", ES_KIND_GOVREPORT);
    expect(find(r, "5%"), 5, "%", ES_IND_TARGET, "~", "地区生产总值");
    run_free(r);
}

static void test_change_verb_acting_on_things(void **state)
{
    /* 提升40所普通高中: the verb acts on what is counted; 增加326万个: a change. */
    run *r = extract(state, "提升40所普通高中办学能力，基础教育公办学位增加326万个。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "40所"), 40, "所", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "326万个"), 3260000, "个", ES_IND_CHANGE, "=", "基础教育公办学位");
    run_free(r);
}

static void test_from_to(void **state)
{
    run *r = extract(state, "优质均衡比例从72%提升至76%左右。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "72%"), 72, "%", ES_IND_ACTUAL, "=", "优质均衡比例");
    expect(find(r, "76%"), 76, "%", ES_IND_ACTUAL, "~", "优质均衡比例");
    run_free(r);
}

static void test_respectively(void **state)
{
    run *r = extract(state, "城镇、农村居民收入分别增长4.5%、6%。", ES_KIND_GOVREPORT);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "4.5%"), 4.5, "%", ES_IND_CHANGE, "=", "城镇居民收入");
    expect(find(r, "6%"), 6, "%", ES_IND_CHANGE, "=", "农村居民收入");
    run_free(r);
}

/* The items of a 分别 list share the head noun of the last one, however
 * long each is; items that each end in a head noun, or end alike, are whole
 * metrics; a conjunction inside a word (普及率) splits nothing. */
static void test_respectively_shared_heads(void **state)
{
    run *r = extract_year(state, "集成电路、汽车零配件、锂电池出口分别增长107.9%、46.7%、57.4%，"
                                 "高技术制造业、装备制造业增加值分别增长9.5%、10.7%。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 5);
    expect(find(r, "107.9%"), 107.9, "%", ES_IND_CHANGE, "=", "集成电路出口");
    expect(find(r, "46.7%"), 46.7, "%", ES_IND_CHANGE, "=", "汽车零配件出口");
    expect(find(r, "57.4%"), 57.4, "%", ES_IND_CHANGE, "=", "锂电池出口");
    expect(find(r, "9.5%"), 9.5, "%", ES_IND_CHANGE, "=", "高技术制造业增加值");
    expect(find(r, "10.7%"), 10.7, "%", ES_IND_CHANGE, "=", "装备制造业增加值");
    run_free(r);
    r = extract_year(state, "接待游客人次、旅游总花费分别增长10.4%、10.2%，生产安全事故起数、死亡人数分别下降9.5%、7.1%，"
                            "农村供电可靠率、自来水普及率分别达99.9%、94.5%。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 6);
    expect(find(r, "10.4%"), 10.4, "%", ES_IND_CHANGE, "=", "接待游客人次");
    expect(find(r, "10.2%"), 10.2, "%", ES_IND_CHANGE, "=", "旅游总花费");
    expect(find(r, "9.5%"), -9.5, "%", ES_IND_CHANGE, "=", "生产安全事故起数");
    expect(find(r, "7.1%"), -7.1, "%", ES_IND_CHANGE, "=", "死亡人数");
    expect(find(r, "99.9%"), 99.9, "%", ES_IND_ACTUAL, "=", "农村供电可靠率");
    expect(find(r, "94.5%"), 94.5, "%", ES_IND_ACTUAL, "=", "自来水普及率");
    run_free(r);
}

static void test_fractions_and_tenths(void **state)
{
    run *r = extract(state, "产量约占全国1/10，满意度7成以上。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "1/10"), 0.1, "", ES_IND_ACTUAL, "~", NULL);
    expect(find(r, "7成"), 7, "成", ES_IND_ACTUAL, ">=", NULL);
    run_free(r);
}

static void test_chinese_fractions_and_tenths(void **state)
{
    run *r = extract(state, "粮食产量约占全国三分之一，八成以上的学校达到标准。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "三分之一"), 1.0 / 3, "", ES_IND_ACTUAL, "~", NULL);
    expect(find(r, "八成"), 8, "成", ES_IND_ACTUAL, ">=", "学校达到标准");
    run_free(r);
    /* 八成 with a verb that counts it is a share too. */
    r = extract(state, "学校达标率达到八成以上。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 1);
    expect(find(r, "八成"), 8, "成", ES_IND_ACTUAL, ">=", "学校达标率");
    run_free(r);
}

static void test_comparators_and_spans(void **state)
{
    run *r = extract(state, "服务超690万人，调剂约2000个编制，对直属单位130余个基层党支部检查，"
                            "制作在线课程3000多节，建设不少于10个基地，办学规模超过万人，"
                            "班额控制在45人以内。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 7);
    expect(find(r, "超690万人"), 6900000, "人", ES_IND_ACTUAL, ">", NULL);
    expect(find(r, "约2000个"), 2000, "个", ES_IND_ACTUAL, "~", NULL);
    expect(find(r, "130余个"), 130, "个", ES_IND_ACTUAL, "~", NULL);
    expect(find(r, "3000多节"), 3000, "节", ES_IND_ACTUAL, ">", NULL);
    expect(find(r, "10个"), 10, "个", ES_IND_ACTUAL, ">=", NULL);
    expect(find(r, "超过万人"), 10000, "人", ES_IND_ACTUAL, ">", NULL);
    expect(find(r, "45人"), 45, "人", ES_IND_ACTUAL, "<=", NULL);
    run_free(r);
}

static void test_year_of_indicator(void **state)
{
    run *r = extract_year(state, "2022年义务教育优质均衡监测达标比例为88.28%，今年达标学校新增12所。",
                          ES_KIND_PROGRESS, 2023);
    assert_int_equal(r->list.n, 2);
    const es_indicator *rate = find(r, "88.28%");
    expect(rate, 88.28, "%", ES_IND_ACTUAL, "=", "义务教育优质均衡监测达标比例");
    assert_int_equal(rate->year, 2022);
    run_free(r);
}

static void test_zones_and_years(void **state)
{
    /* Unnumbered headings open zones too; a figure of an earlier year is a
     * result inside a part about goals, one of a later year a goal. */
    run *r = extract_year(state, "“十四五”时期工作回顾\n到2030年，研发投入强度达到3%。粮食产量增长2%。\n"
                                 "2026年重点工作\n2025年地区生产总值增长5.4%。新建学校20所。\n",
                          ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    expect(find(r, "3%"), 3, "%", ES_IND_TARGET, "=", "研发投入强度");
    expect(find(r, "2%"), 2, "%", ES_IND_CHANGE, "=", "粮食产量");
    expect(find(r, "5.4%"), 5.4, "%", ES_IND_CHANGE, "=", "地区生产总值");
    expect(find(r, "20所"), 20, "所", ES_IND_TARGET, "=", "新建学校");
    run_free(r);
}

static void test_years_of_parts_and_periods(void **state)
{
    run *r = extract_year(state, "一、2025年工作回顾\n地区生产总值增长5.4%，多措并举稳预期，城镇新增就业50万人。\n"
                                 "二、“十五五”时期主要目标任务\n地区生产总值年均增长5%左右。\n"
                                 "三、全力推动“十五五”开好局\n今年主要预期目标是：地区生产总值按增长5%安排。\n",
                          ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    const es_indicator *past = find(r, "5.4%");
    expect(past, 5.4, "%", ES_IND_CHANGE, "=", "地区生产总值");
    assert_int_equal(past->year, 2025);
    /* 稳预期 is no goal. */
    expect(find(r, "50万人"), 500000, "人", ES_IND_ACTUAL, "=", "城镇新增就业");
    const es_indicator *period = find_nth(r, "5%", 0);
    expect(period, 5, "%", ES_IND_TARGET, "~", "地区生产总值");
    assert_int_equal(period->year, 2030);
    const es_indicator *annual = find_nth(r, "5%", 1);
    expect(annual, 5, "%", ES_IND_TARGET, "=", "地区生产总值");
    assert_int_equal(annual->year, 2026);
    run_free(r);
}

/* A work report reviews the year before its own even when no heading
 * says so, and its title names no part's year; a numbered heading naming
 * its own year or a later period opens this year's goals, and a line
 * break inside the goals sentence keeps them goals. */
static void test_gov_report_parts_without_zone_words(void **state)
{
    run *r = extract_year(state, "2026年某省政府工作报告\n各位代表：\n一、一年接着一年干\n"
                                 "全省地区生产总值增长5.1%，新建学校30所。\n"
                                 "二、关于2026年工作\n滚动实施1500个省重点项目，培育企业360家。\n",
                          ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    const es_indicator *growth = find(r, "5.1%");
    expect(growth, 5.1, "%", ES_IND_CHANGE, "=", "地区生产总值");
    assert_int_equal(growth->year, 2025);
    assert_int_equal(find(r, "30所")->year, 2025);
    const es_indicator *projects = find(r, "1500个");
    expect(projects, 1500, "个", ES_IND_TARGET, "=", NULL);
    assert_int_equal(projects->year, 2026);
    expect(find(r, "360家"), 360, "家", ES_IND_TARGET, "=", "培育企业");
    run_free(r);
    r = extract_year(state, "一、全力推动“十五五”开好局\n今年经济社会发展的主要预期目标\n"
                            "是：地区生产总值增长5%左右；城镇新增就业50万人以上。\n",
                     ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 2);
    const es_indicator *target = find(r, "5%");
    expect(target, 5, "%", ES_IND_TARGET, "~", "地区生产总值");
    assert_int_equal(target->year, 2026);
    expect(find(r, "50万人"), 500000, "人", ES_IND_TARGET, ">=", "城镇新增就业");
    run_free(r);
    r = extract_year(state, "过去一年，地区生产总值增长5.3%。\n今年主要预期目标\n"
                            "是：地区生产总值增长5%左右。\n", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 2);
    assert_int_equal(find(r, "5.3%")->year, 2025);
    expect(find(r, "5%"), 5, "%", ES_IND_TARGET, "~", "地区生产总值");
    run_free(r);
}

/* In a work report's review a goal word (预期, 确保) names what was aimed
 * at and reached; a goal of yearly average growth with no year of its own
 * is one for the five-year period the report's year opens. */
static void test_review_cues_and_yearly_averages(void **state)
{
    run *r = extract_year(state, "一、2025年工作回顾\n好的预期不断释放，GDP年均增长4.4%，确保粮食产量稳定在500亿斤以上。\n"
                                 "二、2026年重点工作\n纲要草案提出，地区生产总值年均增长5%左右，细颗粒物年均浓度控制在29微克/立方米。\n",
                          ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    expect(find(r, "4.4%"), 4.4, "%", ES_IND_CHANGE, "=", "GDP");
    expect(find(r, "500亿斤"), 5e10, "斤", ES_IND_ACTUAL, ">=", "粮食产量");
    const es_indicator *average = find(r, "5%");
    expect(average, 5, "%", ES_IND_TARGET, "~", "地区生产总值");
    assert_int_equal(average->year, 2030);
    const es_indicator *level = find(r, "29微克/立方米");
    expect(level, 29, "微克/立方米", ES_IND_TARGET, "=", NULL);
    assert_int_equal(level->year, 2026);
    run_free(r);
    /* A part on both last year's work and the five years behind it. */
    r = extract_year(state, "一、2025年主要工作和“十四五”发展成就\n争取中央预算内投资237亿元，新入选国家培养计划科技领军人才409名。\n",
                     ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "237亿元"), 2.37e10, "元", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "409名"), 409, "名", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

static void test_period_named_in_sentence(void **state)
{
    run *r = extract_year(state, "“十五五”时期，地区生产总值年均增长5%左右。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 1);
    expect(&r->list.items[0], 5, "%", ES_IND_TARGET, "~", "地区生产总值");
    assert_int_equal(r->list.items[0].year, 2030);
    run_free(r);
}

static void test_ranges_with_units_and_levels(void **state)
{
    run *r = extract(state, "地区生产总值增长4.5%—5%，人均预期寿命提高到78.8岁，"
                            "每千人拥有3岁以下婴幼儿托位4.5个，陇西5.6级地震灾后重建，连续三年居全国第一。",
                     ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 4);
    const es_indicator *range = find(r, "4.5%—5%");
    expect(range, 4.5, "%", ES_IND_CHANGE, "=", "地区生产总值");
    assert_true(range->has_hi);
    assert_near(range->value_hi, 5, 1e-9);
    expect(find(r, "78.8岁"), 78.8, "岁", ES_IND_ACTUAL, "=", "人均预期寿命");
    expect(find(r, "4.5个"), 4.5, "个", ES_IND_ACTUAL, "=", NULL);
    /* 连续三年 says how long, not what: the rank takes the previous metric. */
    expect(find(r, "第一"), 1, "位", ES_IND_RANK, "=", find(r, "4.5个")->metric);
    run_free(r);
    r = extract(state, "“健康中国行动”考核居西部第一。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 1);
    assert_string_equal(r->list.items[0].scope, "西部");
    expect(&r->list.items[0], 1, "位", ES_IND_RANK, "=", "“健康中国行动”考核");
    run_free(r);
}

static void test_metric_shapes(void **state)
{
    run *r = extract(state, "承办建议提案75件，其中主办45件，会办30件。"
                            "培训100名具备心理健康教师上岗资格证的兼职心理教师。"
                            "江南大学15个专业入选国家一流本科专业建设点。"
                            "竣工投用实验小学、港城校区等11个项目。"
                            "完成新建、改扩建幼儿园14所、义务教育学校22所。"
                            "太湖学院办学水平位列全国民办本科高校第六名，江苏省同类高校第一名。",
                     ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 10);
    expect(find(r, "75件"), 75, "件", ES_IND_ACTUAL, "=", "承办建议提案");
    expect(find(r, "45件"), 45, "件", ES_IND_ACTUAL, "=", "主办建议提案");
    expect(find(r, "30件"), 30, "件", ES_IND_ACTUAL, "=", "会办建议提案");
    expect(find(r, "100名"), 100, "名", ES_IND_ACTUAL, "=", "培训兼职心理教师");
    expect(find(r, "15个"), 15, "个", ES_IND_ACTUAL, "=", "江南大学专业入选国家一流本科专业建设点");
    expect(find(r, "11个"), 11, "个", ES_IND_ACTUAL, "=", "竣工投用项目");
    expect(find(r, "14所"), 14, "所", ES_IND_ACTUAL, "=", "完成新建、改扩建幼儿园");
    expect(find(r, "22所"), 22, "所", ES_IND_ACTUAL, "=", "完成新建、改扩建义务教育学校");
    expect(find(r, "第六名"), 6, "位", ES_IND_RANK, "=", "太湖学院办学水平");
    const es_indicator *first = find(r, "第一名");
    expect(first, 1, "位", ES_IND_RANK, "=", "太湖学院办学水平");
    assert_string_equal(first->scope, "全省");
    run_free(r);
}

static void test_metric_openers_and_durations(void **state)
{
    run *r = extract(state, "六是免费实施1万名老年人白内障复明工程。监管企业利润总额五年增长27.7%。"
                            "集体经营收入50万元以上的行政村占比达68%。邮轮母港接待邮轮91艘次。",
                     ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 5);
    expect(find(r, "1万名"), 10000, "名", ES_IND_ACTUAL, "=", "免费实施老年人白内障复明工程");
    expect(find(r, "27.7%"), 27.7, "%", ES_IND_CHANGE, "=", "监管企业利润总额");
    expect(find(r, "68%"), 68, "%", ES_IND_ACTUAL, "=", "行政村占比");
    expect(find(r, "91艘次"), 91, "艘次", ES_IND_ACTUAL, "=", "邮轮母港接待邮轮");
    run_free(r);
}

static void test_full_width_raw_span(void **state)
{
    const char *text = "覆盖率达９２．８１％，新增　１１　个项目。";
    run *r = extract(state, text, ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "９２．８１％"), 92.81, "%", ES_IND_ACTUAL, "=", "覆盖率");
    expect(find(r, "１１　个"), 11, "个", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

/* Sizes, classes and voltages of built things are specs, not amounts of
 * work; the same measures brought in by a verb, a link or 等 count. */
static void test_specs_of_named_things(void **state)
{
    const char *specs[] = {
        "推动某化工60万吨钾肥复合造粒等项目建设，释放吉化120万吨乙烯转型升级项目产能。",
        "建成防城港30万吨级进港航道，推动30万千瓦级煤电机组上大压小，海拔1500米以上农村学校建设供暖设施。",
        "新建750千伏输变电工程，建设8英寸碳化硅晶圆产线，重庆至武汉段4.5米水深航道全线贯通。",
    };
    for (size_t k = 0; k < sizeof specs / sizeof *specs; k++) {
        run *r = extract_year(state, specs[k], ES_KIND_GOVREPORT, 2026);
        if (r->list.n)
            fail_msg("found %.*s in: %s", (int)(r->list.items[0].end - r->list.items[0].start),
                     specs[k] + r->list.items[0].start, specs[k]);
        run_free(r);
    }
    run *r = extract_year(state, "布局建设700万千瓦新型储能项目，推动电厂二期等402万千瓦机组建成投运，"
                                 "保障重大项目用能1302万吨标准煤，新增1000千伏输电线路1240公里。",
                          ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 4);
    expect(find(r, "700万千瓦"), 7e6, "千瓦", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "402万千瓦"), 4.02e6, "千瓦", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "1302万吨标准煤"), 1.302e7, "吨标准煤", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "1240公里"), 1240, "公里", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

/* A comparator qualifying the link verb gives the cmp from afar; a count
 * of times in Chinese numerals counts before an act, not before a name. */
static void test_distant_comparator_and_times(void **state)
{
    run *r = extract_year(state, "城镇累计新增就业超700万人、约占全国1/10。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "超700万人"), 7e6, "人", ES_IND_ACTUAL, ">", NULL);
    expect(find(r, "1/10"), 0.1, "", ES_IND_ACTUAL, "~", NULL);
    run_free(r);
    r = extract_year(state, "总书记三次亲临视察，两次获评全国先进，完成市人大三次会议确定的任务。",
                     ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "三次"), 3, "次", ES_IND_ACTUAL, "=", NULL);
    expect(find(r, "两次"), 2, "次", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

/* A prize won names the event an earlier clause brings in (参加, 在 ... 中);
 * a subject before the verb names what won it. */
static void test_award_takes_event_of_earlier_clause(void **state)
{
    run *r = extract(state, "参加2021年全国职业院校技能大赛，获金牌3块、银牌5块。"
                            "在省中小学青年教师教学竞赛中，获特等奖2个，位列全省第一。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 4);
    expect(find(r, "3块"), 3, "块", ES_IND_ACTUAL, "=", "全国职业院校技能大赛金牌");
    expect(find(r, "5块"), 5, "块", ES_IND_ACTUAL, "=", "全国职业院校技能大赛银牌");
    expect(find(r, "2个"), 2, "个", ES_IND_ACTUAL, "=", "省中小学青年教师教学竞赛特等奖");
    expect(find(r, "第一"), 1, "位", ES_IND_RANK, "=", "省中小学青年教师教学竞赛特等奖");
    run_free(r);
    r = extract(state, "举办全市中小学艺术展演，10部作品荣获省一等奖。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 1);
    expect(find(r, "10部"), 10, "部", ES_IND_ACTUAL, "=", "作品荣获省一等奖");
    run_free(r);
}

/* A later item with a verb of its own is no change (增长31.2%、占全国4成);
 * the year a figure starts from (从2020年的) is not part of its metric;
 * a team size names a kind of game. */
static void test_list_item_verbs_and_start_years(void **state)
{
    run *r = extract_year(state, "工业机器人产量增长31.2%、占全国4成，人均地区生产总值从2020年的10.5万元提高到2025年的14万元，"
                                 "建成250个社区健身路径或3人制篮球场。", ES_KIND_GOVREPORT, 2026);
    assert_int_equal(r->list.n, 5);
    expect(find(r, "31.2%"), 31.2, "%", ES_IND_CHANGE, "=", "工业机器人产量");
    expect(find(r, "4成"), 4, "成", ES_IND_ACTUAL, "=", "工业机器人产量");
    const es_indicator *from = find(r, "10.5万元");
    expect(from, 105000, "元", ES_IND_ACTUAL, "=", "人均地区生产总值");
    assert_int_equal(from->year, 2020);
    expect(find(r, "14万元"), 140000, "元", ES_IND_ACTUAL, "=", "人均地区生产总值");
    expect(find(r, "250个"), 250, "个", ES_IND_ACTUAL, "=", NULL);
    run_free(r);
}

static void test_not_indicators(void **state)
{
    const char *texts[] = {
        "2021年3月10日，2020-2022年，2035年远景目标。",
        "编制“十四五”规划，做好省第六期“333工程”培养对象选拔。",
        "增强“四个意识”、坚定“四个自信”，落实“1+N”和“5621”计划。",
        "实现“4个100%”的目标。",
        "举办第24届运动会，第九批学科带头人，首批示范校，第二轮评估，第一时间处置。",
        "3-6岁儿童入园，高三学生备考。",
        "太教〔2021〕1号，索引号014006470/2024-00016，电话0510-81827000，上午9:30开始。",
        "聚焦六专题一实践，落实八项规定，推进三位一体，建设十大项目，做到“两个维护”。",
        "深入学习贯彻党的十九大和十九届六中全会精神。",
        "提拔80后干部，建设5G校园。",
        "按照省委十二届八次全会部署，完成市人大三次会议确定的任务，突出以下四个方面。",
        "深化五个新城建设，用好两个市场、两种资源，出台十条支持措施，推进二轮土地延包，"
        "发展零部件产业，陇西5.6级地震灾后重建，三次产业结构优化。",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        run *r = extract(state, texts[k], ES_KIND_SUMMARY);
        if (r->list.n)
            fail_msg("found %.*s in: %s", (int)(r->list.items[0].end - r->list.items[0].start),
                     texts[k] + r->list.items[0].start, texts[k]);
        run_free(r);
    }
}

static void test_heading_numbers(void **state)
{
    run *r = extract(state, "一、强化政治引领\n（二）思想建设\n8．新增幼儿园57所。\n一是新建学校3所。\n",
                     ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 2);
    expect(find(r, "57所"), 57, "所", ES_IND_ACTUAL, "=", "新增幼儿园");
    expect(find(r, "3所"), 3, "所", ES_IND_ACTUAL, "=", "新建学校");
    run_free(r);
}

static void test_subject_and_object_metrics(void **state)
{
    run *r = extract(state, "34所幼儿园完成治理任务，全市新增5所省健康促进金牌学校，"
                            "全市99.76%的义务教育学校达省定办学标准。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 3);
    expect(find(r, "34所"), 34, "所", ES_IND_ACTUAL, "=", "幼儿园完成治理任务");
    expect(find(r, "5所"), 5, "所", ES_IND_ACTUAL, "=", "新增省健康促进金牌学校");
    expect(find(r, "99.76%"), 99.76, "%", ES_IND_ACTUAL, "=", "义务教育学校达省定办学标准");
    run_free(r);
}

static void test_sentence_index_and_order(void **state)
{
    run *r = extract(state, "新增幼儿园57所。资助学生54925人次，金额7151万元。", ES_KIND_SUMMARY);
    assert_int_equal(r->list.n, 3);
    assert_int_equal(r->list.items[0].sentence, 0);
    assert_int_equal(r->list.items[1].sentence, 1);
    assert_true(r->list.items[1].start < r->list.items[2].start);
    expect(find(r, "7151万元"), 71510000, "元", ES_IND_ACTUAL, "=", "资助学生金额");
    run_free(r);
}

static void test_kind_names_and_bad_data_dir(void **state)
{
    (void)state;
    assert_string_equal(es_ind_kind_name(ES_IND_ACTUAL), "actual");
    assert_string_equal(es_ind_kind_name(ES_IND_TARGET), "target");
    assert_string_equal(es_ind_kind_name(ES_IND_CHANGE), "change");
    assert_string_equal(es_ind_kind_name(ES_IND_RANK), "rank");
    es_err err = { "" };
    assert_null(es_extractor_new("/nonexistent-dir", &err));
    assert_non_null(strstr(err.msg, "units.tsv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_with_link_verb),
        cmocka_unit_test(test_list_shares_head),
        cmocka_unit_test(test_value_with_change),
        cmocka_unit_test(test_decrease_is_negative),
        cmocka_unit_test(test_rank_with_count),
        cmocka_unit_test(test_rank_shapes),
        cmocka_unit_test(test_rank_without_figure_of_its_own),
        cmocka_unit_test(test_chinese_numerals),
        cmocka_unit_test(test_scale_inside_number),
        cmocka_unit_test(test_plan_and_target_cues),
        cmocka_unit_test(test_midyear_second_half_is_target),
        cmocka_unit_test(test_growth_reached_or_set),
        cmocka_unit_test(test_change_verb_acting_on_things),
        cmocka_unit_test(test_from_to),
        cmocka_unit_test(test_respectively),
        cmocka_unit_test(test_fractions_and_tenths),
        cmocka_unit_test(test_chinese_fractions_and_tenths),
        cmocka_unit_test(test_comparators_and_spans),
        cmocka_unit_test(test_year_of_indicator),
        cmocka_unit_test(test_zones_and_years),
        cmocka_unit_test(test_years_of_parts_and_periods),
        cmocka_unit_test(test_period_named_in_sentence),
        cmocka_unit_test(test_ranges_with_units_and_levels),
        cmocka_unit_test(test_metric_shapes),
        cmocka_unit_test(test_metric_openers_and_durations),
        cmocka_unit_test(test_full_width_raw_span),
        cmocka_unit_test(test_rank_in_leading_group),
        cmocka_unit_test(test_gov_report_parts_without_zone_words),
        cmocka_unit_test(test_specs_of_named_things),
        cmocka_unit_test(test_distant_comparator_and_times),
        cmocka_unit_test(test_respectively_shared_heads),
        cmocka_unit_test(test_award_takes_event_of_earlier_clause),
        cmocka_unit_test(test_list_item_verbs_and_start_years),
        cmocka_unit_test(test_review_cues_and_yearly_averages),
        cmocka_unit_test(test_not_indicators),
        cmocka_unit_test(test_heading_numbers),
        cmocka_unit_test(test_subject_and_object_metrics),
        cmocka_unit_test(test_sentence_index_and_order),
        cmocka_unit_test(test_kind_names_and_bad_data_dir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
