/* Tests for indicator extraction as tables of cases: a small text, the
 * document's kind and year, and the indicators it must give. The cases
 * are written from the grammar of the labelling guide's hard cases, one
 * table per concern; a last table lists shapes that are no indicators. */
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

#define MAX_WANTS 12
/* The year of a case that names none. */
#define DEFAULT_YEAR 2021

/* One indicator a case must give. Fields left out are not checked:
 * metric, scope NULL; year 0; hi 0 (no range). */
typedef struct want {
    const char *number;   /* its raw span, as written */
    int nth;              /* the nth indicator reading so, from 0 */
    double value;
    const char *unit;
    es_ind_kind kind;
    const char *cmp;
    const char *metric;
    int year;
    const char *scope;
    double hi;            /* the range's upper bound */
    const char *basis;    /* "annual", "average", "cumulative" */
    int first, last;      /* the period it covers */
    const char *subject;  /* the part of the region it is about */
} want;

typedef struct extract_case {
    const char *text;
    const char *kind;     /* the document's ES_KIND_* */
    int year;             /* the document's year; 0 for DEFAULT_YEAR */
    int count;            /* indicators found; -1 when not checked */
    want wants[MAX_WANTS];
} extract_case;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct run {
    const char *text;
    es_view view;
    es_structure st;
    es_indicator_list list;
} run;

static int setup(void **state)
{
    es_err err;
    *state = es_extractor_new(EDUSHELL_SOURCE_DATA, &err);
    if (!*state)
        fail_msg("%s", err.msg);
    return 0;
}

static int teardown(void **state)
{
    es_extractor_free(*state);
    return 0;
}

static void extract(const es_extractor *ex, run *r, const char *text, const char *kind, int year)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    es_text_in in = { .text = text, .len = strlen(text), .doc_kind = kind, .doc_year = year };
    es_extract_text(ex, &in, &r->view, &r->st, NULL, &r->list);
}

static void run_free(run *r)
{
    es_indicator_list_free(&r->list);
    es_structure_free(&r->st);
    es_view_free(&r->view);
}

/* The indicator whose raw span reads `number` (the nth such, from 0). */
static const es_indicator *find(const run *r, const char *number, int nth)
{
    size_t n = strlen(number);
    for (size_t k = 0; k < r->list.n; k++) {
        const es_indicator *ind = &r->list.items[k];
        if (ind->end - ind->start == n && memcmp(r->text + ind->start, number, n) == 0 && nth-- == 0)
            return ind;
    }
    fail_msg("no indicator reads \"%s\" in: %s", number, r->text);
    return NULL;
}

static void check_near(const char *what, const want *w, double got, double expected)
{
    double eps = 1e-6 * (expected < 0 ? -expected : expected) + 1e-9;
    if (got - expected > eps || expected - got > eps)
        fail_msg("%s: %s is %.10g, want %.10g", w->number, what, got, expected);
}

static void check_str(const char *what, const want *w, const char *got, const char *expected)
{
    if (expected && strcmp(got, expected) != 0)
        fail_msg("%s: %s is \"%s\", want \"%s\"", w->number, what, got, expected);
}

static void check_want(const run *r, const want *w)
{
    const es_indicator *ind = find(r, w->number, w->nth);
    check_near("value", w, ind->value, w->value);
    check_str("unit", w, ind->unit, w->unit);
    check_str("kind", w, es_ind_kind_name(ind->kind), es_ind_kind_name(w->kind));
    check_str("cmp", w, ind->cmp, w->cmp);
    check_str("metric", w, ind->metric, w->metric);
    check_str("scope", w, ind->scope, w->scope);
    if (w->year && ind->year != w->year)
        fail_msg("%s: year is %d, want %d", w->number, ind->year, w->year);
    check_str("basis", w, es_basis_name(ind->basis), w->basis);
    if (w->subject)
        check_str("subject", w, ind->subject ? ind->subject : "(none)", w->subject);
    if (w->first && (ind->period_start != w->first || ind->period_end != w->last))
        fail_msg("%s: period %d-%d, want %d-%d", w->number, ind->period_start, ind->period_end, w->first, w->last);
    if (w->hi) {
        if (!ind->has_hi)
            fail_msg("%s: no range", w->number);
        check_near("value_hi", w, ind->value_hi, w->hi);
    }
}

static void run_cases(const es_extractor *ex, const extract_case *cases, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const extract_case *c = &cases[k];
        run r;
        extract(ex, &r, c->text, c->kind, c->year ? c->year : DEFAULT_YEAR);
        if (c->count >= 0 && r.list.n != (size_t)c->count) {
            es_buf found = { 0 };
            for (size_t i = 0; i < r.list.n; i++) {
                es_buf_append(&found, c->text + r.list.items[i].start, r.list.items[i].end - r.list.items[i].start);
                es_buf_puts(&found, i + 1 < r.list.n ? ", " : "");
            }
            fail_msg("%zu indicators (%s), want %d in: %s", r.list.n, found.data ? found.data : "",
                     c->count, c->text);
        }
        for (size_t i = 0; i < MAX_WANTS && c->wants[i].number; i++)
            check_want(&r, &c->wants[i]);
        run_free(&r);
    }
}

#define RUN(state, cases) run_cases(*(state), (cases), COUNT(cases))

/* An indicator wanted: the span, value, unit, kind and cmp, then any of
 * .metric, .year, .scope, .hi, .nth. */
#define W(number_, value_, unit_, kind_, cmp_, ...) \
    { .number = (number_), .value = (value_), .unit = (unit_), .kind = (kind_), .cmp = (cmp_), __VA_ARGS__ }

/* Shorthands: A actual, T target, C change, R rank. */
#define A ES_IND_ACTUAL
#define T ES_IND_TARGET
#define C ES_IND_CHANGE
#define R ES_IND_RANK

/* --- quantities: numbers, scales, units, comparators, spans ------------- */

static const extract_case quantity_cases[] = {
    { "普惠性幼儿园覆盖率达92.81%。", ES_KIND_SUMMARY, 0, 1, {
        W("92.81%", 92.81, "%", A, "=", .metric = "普惠性幼儿园覆盖率") } },
    { "三度被省政府表彰，获中学五个组别冠军。", ES_KIND_SUMMARY, 0, 2, {
        W("三度", 3, "度", A, "="),
        W("五个", 5, "个", A, "=") } },
    { "全市近7万名教师积极响应，资助资金达1.4亿元，累计新增学位3.2万个，向全市70万中小学生提供在线教学。",
      ES_KIND_SUMMARY, 0, 4, {
        W("近7万名", 70000, "名", A, "~"),
        W("1.4亿元", 140000000, "元", A, "=", .metric = "资助资金"),
        W("3.2万个", 32000, "个", A, "=", .metric = "新增学位"),
        W("70万", 700000, "", A, "=") } },
    { "产量约占全国1/10，满意度7成以上。", ES_KIND_SUMMARY, 0, 2, {
        W("1/10", 0.1, "", A, "~"),
        W("7成", 7, "成", A, ">=") } },
    { "粮食产量约占全国三分之一，八成以上的学校达到标准。", ES_KIND_SUMMARY, 0, 2, {
        W("三分之一", 1.0 / 3, "", A, "~"),
        W("八成", 8, "成", A, ">=", .metric = "学校达到标准") } },
    /* 八成 with a verb that counts it is a share too. */
    { "学校达标率达到八成以上。", ES_KIND_SUMMARY, 0, 1, {
        W("八成", 8, "成", A, ">=", .metric = "学校达标率") } },
    { "服务超690万人，调剂约2000个编制，对直属单位130余个基层党支部检查，制作在线课程3000多节，"
      "建设不少于10个基地，办学规模超过万人，班额控制在45人以内。", ES_KIND_SUMMARY, 0, 7, {
        W("超690万人", 6900000, "人", A, ">"),
        W("约2000个", 2000, "个", A, "~"),
        W("130余个", 130, "个", A, "~"),
        W("3000多节", 3000, "节", A, ">"),
        W("10个", 10, "个", A, ">="),
        W("超过万人", 10000, "人", A, ">"),
        W("45人", 45, "人", A, "<=") } },
    { "地区生产总值增长4.5%—5%，人均预期寿命提高到78.8岁，每千人拥有3岁以下婴幼儿托位4.5个，"
      "陇西5.6级地震灾后重建，连续三年居全国第一。", ES_KIND_SUMMARY, 0, 4, {
        W("4.5%—5%", 4.5, "%", C, "=", .metric = "地区生产总值", .hi = 5),
        W("78.8岁", 78.8, "岁", A, "=", .metric = "人均预期寿命"),
        W("4.5个", 4.5, "个", A, "="),
        /* 连续三年 says how long, not what: the rank takes the previous metric. */
        W("第一", 1, "位", R, "=", .metric = "每千人拥有3岁以下婴幼儿托位") } },
    { "覆盖率达９２．８１％，新增　１１　个项目。", ES_KIND_SUMMARY, 0, 2, {
        W("９２．８１％", 92.81, "%", A, "=", .metric = "覆盖率"),
        W("１１　个", 11, "个", A, "=") } },
    { "城镇累计新增就业超700万人、约占全国1/10。", ES_KIND_GOVREPORT, 2026, 2, {
        W("超700万人", 7e6, "人", A, ">"),
        W("1/10", 0.1, "", A, "~") } },
    /* A count of times in Chinese numerals counts before an act, not before a name. */
    { "总书记三次亲临视察，两次获评全国先进，完成市人大三次会议确定的任务。", ES_KIND_GOVREPORT, 2026, 2, {
        W("三次", 3, "次", A, "="),
        W("两次", 2, "次", A, "=") } },
    { "布局建设700万千瓦新型储能项目，推动电厂二期等402万千瓦机组建成投运，"
      "保障重大项目用能1302万吨标准煤，新增1000千伏输电线路1240公里。", ES_KIND_GOVREPORT, 2026, 4, {
        W("700万千瓦", 7e6, "千瓦", A, "="),
        W("402万千瓦", 4.02e6, "千瓦", A, "="),
        W("1302万吨标准煤", 1.302e7, "吨标准煤", A, "="),
        W("1240公里", 1240, "公里", A, "=") } },
};

static void test_quantities(void **state) { RUN(state, quantity_cases); }

/* The base of a rate (每10万人, 每100名学生) is no amount. */
static const extract_case rate_base_cases[] = {
    { "每10万人口高等教育在校生达到3200人,每100名学生拥有计算机18台。", ES_KIND_STATS, 2024, 2, {
        W("3200人", 3200, "人", A, "="),
        W("18台", 18, "台", A, "=") } },
};

static void test_rate_bases(void **state) { RUN(state, rate_base_cases); }

/* A number in quotation marks is a name (“十四五”, “1+X”); a quotation
 * running over clauses is speech, and its figures count. */
static const extract_case quoted_cases[] = {
    { "局长介绍:“今年全县新建幼儿园6所,新增学位1800个。”实施“两个100”工程。", ES_KIND_SUMMARY, 2023, 2, {
        W("6所", 6, "所", A, "="),
        W("1800个", 1800, "个", A, "=") } },
};

static void test_quoted(void **state) { RUN(state, quoted_cases); }

/* A count of years: one with a fraction, or one a measure of years names
 * in its clause; never a year of the calendar or a note's number. */
static const extract_case years_counted_cases[] = {
    { "平均受教育年限从2020年的9.6年提升至10.2年，新增劳动力平均受教育年限达到14年。", ES_KIND_SUMMARY, 2023, 3, {
        W("9.6年", 9.6, "年", A, "=", .year = 2020),
        W("10.2年", 10.2, "年", A, "="),
        W("14年", 14, "年", A, "=", .metric = "新增劳动力平均受教育年限") } },
    { "20.2026年新建学校10所，连续3年举办招聘会。", ES_KIND_SUMMARY, 2026, 1, {
        W("10所", 10, "所", A, "=") } },
};

static void test_years_counted(void **state) { RUN(state, years_counted_cases); }

/* --- kinds: results, goals, changes ------------------------------------- */

static const extract_case kind_cases[] = {
    { "公办园覆盖率65.95%，同比提升3.1个百分点。", ES_KIND_SUMMARY, 0, 2, {
        W("65.95%", 65.95, "%", A, "=", .metric = "公办园覆盖率"),
        W("3.1个百分点", 3.1, "个百分点", C, "=", .metric = "公办园覆盖率") } },
    { "纳入统计范围发文60件，同比减少6.3%。", ES_KIND_SUMMARY, 0, 2, {
        W("60件", 60, "件", A, "=", .metric = "纳入统计范围发文"),
        W("6.3%", -6.3, "%", C, "=", .metric = "纳入统计范围发文") } },
    { "新增省、市优质园30所以上。", ES_KIND_PLAN, 0, 1, {
        W("30所", 30, "所", T, ">=", .metric = "新增省、市优质园") } },
    { "力争获评省首批高品质示范高中1-2所。", ES_KIND_SUMMARY, 0, 1, {
        W("1-2所", 1, "所", T, "=", .hi = 2) } },
    /* 目标 as a plain noun does not make a goal. */
    { "提前实现省定的目标，全市投入1.6亿元。", ES_KIND_SUMMARY, 0, 1, {
        W("1.6亿元", 160000000, "元", A, "=") } },
    { "一、上半年任务完成情况\n普惠性幼儿园覆盖率达86%。\n二、下半年工作计划安排\n新建融合教育资源中心60个。\n",
      ES_KIND_MIDYEAR, 0, 2, {
        W("86%", 86, "%", A, "=", .metric = "普惠性幼儿园覆盖率"),
        W("60个", 60, "个", T, "=", .metric = "新建融合教育资源中心") } },
    { "地区生产总值增长5.3%。", ES_KIND_GOVREPORT, 0, 1, {
        W("5.3%", 5.3, "%", C, "=", .metric = "地区生产总值") } },
    { "今年主要预期目标是：地区生产总值增长5%左右。", ES_KIND_GOVREPORT, 0, 1, {
        W("5%", 5, "%", T, "~", .metric = "地区生产总值") } },
    /* 提升40所普通高中: the verb acts on what is counted; 增加326万个: a change. */
    { "提升40所普通高中办学能力，基础教育公办学位增加326万个。", ES_KIND_SUMMARY, 0, 2, {
        W("40所", 40, "所", A, "="),
        W("326万个", 3260000, "个", C, "=", .metric = "基础教育公办学位") } },
    { "优质均衡比例从72%提升至76%左右。", ES_KIND_SUMMARY, 0, 2, {
        W("72%", 72, "%", A, "=", .metric = "优质均衡比例"),
        W("76%", 76, "%", A, "~", .metric = "优质均衡比例") } },
};

static void test_kinds(void **state) { RUN(state, kind_cases); }

/* --- the kind from the figure's own clause, then the part, then the
 * document: results (已, 目前, 截至) end the reach of a goal named before;
 * a heading's last word says what its part is about; goal words inside
 * names or other words (《…行动计划》, 主要, 要求) and results obtained
 * (争取上级资金) make no goal. ----------------------------------------- */

static const extract_case clause_kind_cases[] = {
    { "一、主要工作情况\n全年完成校舍改造投资2.5亿元。\n二、下半年主要任务\n新建学校3所。\n", NULL, 2022, 2, {
        W("2.5亿元", 2.5e8, "元", A, "="),
        W("3所", 3, "所", T, "=") } },
    { "一、上半年重点工作\n新增学位1200个。\n", NULL, 2022, 1, {
        W("1200个", 1200, "个", A, "=") } },
    { "全年计划新建学校10所，目前已建成8所，截至9月底开工项目12个。", NULL, 2022, 3, {
        W("10所", 10, "所", T, "="),
        W("8所", 8, "所", A, "="),
        W("12个", 12, "个", A, "=") } },
    /* The words naming a share's whole (计划投资) say nothing of its kind. */
    { "校舍维修已拨付资金900万元,占年度计划投资总额的60%。", ES_KIND_PROGRESS, 2024, 2, {
        W("60%", 60, "%", A, "=") } },
    /* The parts of a goal are goals, unless their own clause says done. */
    { "全县今年规划建设公办幼儿园9所,其中新建6所、改扩建3所;已完工幼儿园4所,其中已投入使用2所。", ES_KIND_PROGRESS, 2024, 5, {
        W("6所", 6, "所", T, "="),
        W("3所", 3, "所", T, "="),
        W("2所", 2, "所", A, "=") } },
    /* A result opening the sentence reaches its breakdown and the rate
     * after it, in a plan too, until a year of its own is named. */
    { "截至2024年5月底,全县已开工学校项目20个,其中小学12个、初中8个,开工率80%,年内竣工5个。", ES_KIND_PLAN, 2024, 5, {
        W("12个", 12, "个", A, "="),
        W("8个", 8, "个", A, "="),
        W("80%", 80, "%", A, "="),
        W("5个", 5, "个", T, "=") } },
    { "目前全县有幼儿园45所，到2025年新增8所。", ES_KIND_PLAN, 2025, 2, {
        W("45所", 45, "所", A, "="),
        W("8所", 8, "所", T, "=") } },
    { "实施《学前教育行动计划》，新建幼儿园6所。按照主要领导要求，新增学位800个。争取上级资金500万元。",
      NULL, 2022, 3, {
        W("6所", 6, "所", A, "="),
        W("800个", 800, "个", A, "="),
        W("500万元", 5e6, "元", A, "=") } },
    /* Things planned, then the progress made on them, in one sentence. */
    { "其中甲县新建幼儿园3所、改扩建1所，目前完工4所；乙县新建2所，已竣工1所。", ES_KIND_PROGRESS, 2022, 5, {
        W("3所", 3, "所", T, "="),
        W("1所", 1, "所", T, "="),
        W("4所", 4, "所", A, "="),
        W("2所", 2, "所", T, "="),
        W("1所", 1, "所", A, "=", .nth = 1) } },
    /* A plan's figures are goals, but for what its clause says is reached. */
    { "新建幼儿园12所，已完成选址4所。", ES_KIND_PLAN, 2023, 2, {
        W("12所", 12, "所", T, "="),
        W("4所", 4, "所", A, "=") } },
};

static void test_kind_from_clause(void **state) { RUN(state, clause_kind_cases); }

/* 将 or 计划 right before an act says what will be done, in any document;
 * alone it says nothing of the figure. */
static const extract_case will_act_cases[] = {
    { "建成后将新增学位1200个、班级36个。完成全年计划的95%。", ES_KIND_SUMMARY, 2023, 3, {
        W("1200个", 1200, "个", T, "="),
        W("36个", 36, "个", T, "="),
        W("95%", 95, "%", A, "=") } },
    { "全年计划改造校舍12所，改造面积3.2万平方米，目前完工10所。", ES_KIND_SUMMARY, 2023, 3, {
        W("12所", 12, "所", T, "="),
        W("3.2万平方米", 32000, "平方米", T, "="),
        W("10所", 10, "所", A, "=") } },
};

static void test_will_act(void **state) { RUN(state, will_act_cases); }

/* --- comparisons: an earlier value right after its base is a result of
 * the base's year, and it and the change after it measure what the figure
 * before did; a base left before a change verb is no metric; a difference
 * from a reference is a change. ----------------------------------------- */

static const extract_case comparison_cases[] = {
    { "全县教育经费总投入5.2亿元，比上年4.8亿元增加0.4亿元，增长8.3%。", ES_KIND_SUMMARY, 2022, 4, {
        W("5.2亿元", 5.2e8, "元", A, "=", .metric = "教育经费总投入"),
        W("4.8亿元", 4.8e8, "元", A, "=", .metric = "教育经费总投入", .year = 2021),
        W("0.4亿元", 0.4e8, "元", C, "=", .metric = "教育经费总投入"),
        W("8.3%", 8.3, "%", C, "=", .metric = "教育经费总投入") } },
    { "在园幼儿3.2万人，比2020年的2.9万人增加0.3万人。", ES_KIND_SUMMARY, 2022, 3, {
        W("2.9万人", 29000, "人", A, "=", .metric = "在园幼儿", .year = 2020),
        W("0.3万人", 3000, "人", C, "=", .metric = "在园幼儿") } },
    { "初中巩固率达到99%，较“十三五”末提高了1.5个百分点，比“十三五”初期提高4个百分点。", ES_KIND_SUMMARY, 2022, 3, {
        W("1.5个百分点", 1.5, "个百分点", C, "=", .metric = "初中巩固率"),
        W("4个百分点", 4, "个百分点", C, "=", .metric = "初中巩固率") } },
    { "幼儿园有120所，比上年净增6所。", ES_KIND_SUMMARY, 2022, 2, {
        W("6所", 6, "所", C, "=", .metric = "幼儿园") } },
    { "高中阶段毛入学率92%，高于全省平均水平3.2个百分点；小学生均经费增速高于全省2个百分点。", ES_KIND_SUMMARY, 2022, 3, {
        W("3.2个百分点", 3.2, "个百分点", C, "=", .metric = "高中阶段毛入学率"),
        W("2个百分点", 2, "个百分点", C, "=", .metric = "小学生均经费增速") } },
    /* A bound reached is no difference: 高于 right before the number. */
    { "合格率高于95%。", ES_KIND_SUMMARY, 2022, 1, {
        W("95%", 95, "%", A, ">", .metric = "合格率") } },
};

static void test_comparisons(void **state) { RUN(state, comparison_cases); }

/* --- ranks ----------------------------------------------------------------- */

static const extract_case rank_cases[] = {
    { "省中小学青年教师教学竞赛获特等奖2个，位列全省第一。", ES_KIND_SUMMARY, 0, 2, {
        W("2个", 2, "个", A, "="),
        W("第一", 1, "位", R, "=", .scope = "全省") } },
    { "研究课数量列全国第一，奥赛成绩位居全省第二，创新创业大赛总分第2名和优秀组织奖，"
      "新媒体排行榜名列全省前茅，质量居全省前列。", ES_KIND_SUMMARY, 0, 3, {
        W("第一", 1, "位", R, "=", .metric = "研究课数量", .scope = "全国"),
        W("第二", 2, "位", R, "=", .metric = "奥赛成绩", .scope = "全省"),
        W("第2名", 2, "位", R, "=") } },
    { "两项评选通过率全省第一。", ES_KIND_SUMMARY, 0, 1, {
        W("第一", 1, "位", R, "=") } },
    /* 前N closes a leading group: a rank of N places (cmp <=), unless a
     * noun follows (前200强高校 is a kind of university) or it is a share. */
    { "高铁运营里程稳居全国前三。人均GDP进入全国前8位，地区生产总值稳居全国前十强，农产品出口额保持西部第1位。",
      ES_KIND_GOVREPORT, 2026, 4, {
        W("前三", 3, "位", R, "<=", .metric = "高铁运营里程", .scope = "全国"),
        W("前8位", 8, "位", R, "<=", .metric = "人均GDP"),
        W("前十强", 10, "位", R, "<=", .metric = "地区生产总值"),
        W("第1位", 1, "位", R, "=", .metric = "农产品出口额") } },
    { "增速连续11个季度居全国前10位，引进世界排名前200强高校毕业生，目前5所学校完成改造，15个学科进入ESI前1%。",
      ES_KIND_GOVREPORT, 2026, 4, {
        W("前10位", 10, "位", R, "<=", .metric = "增速"),
        W("5所", 5, "所", A, "="),
        W("1%", 1, "%", A, "=") } },
    /* Places counted after 排名 are ranks; places moved by are a change. */
    { "集团在中国企业500强排名由369位上升到235位，区域创新能力全国排名提升4位。", ES_KIND_GOVREPORT, 2026, 3, {
        W("369位", 369, "位", R, "="),
        W("235位", 235, "位", R, "="),
        W("4位", 4, "位", C, "=", .metric = "区域创新能力") } },
    { "“健康中国行动”考核居西部第一。", ES_KIND_SUMMARY, 0, 1, {
        W("第一", 1, "位", R, "=", .metric = "“健康中国行动”考核", .scope = "西部") } },
};

static void test_ranks(void **state) { RUN(state, rank_cases); }

/* --- metrics: lists, breakdowns, 分别, subjects and objects ---------------- */

static const extract_case metric_cases[] = {
    { "全年新增省优质园25所、市优质园14所。", ES_KIND_SUMMARY, 0, 2, {
        W("25所", 25, "所", A, "=", .metric = "新增省优质园"),
        W("14所", 14, "所", A, "=", .metric = "新增市优质园") } },
    { "城镇、农村居民收入分别增长4.5%、6%。", ES_KIND_GOVREPORT, 0, 2, {
        W("4.5%", 4.5, "%", C, "=", .metric = "城镇居民收入"),
        W("6%", 6, "%", C, "=", .metric = "农村居民收入") } },
    /* The items of a 分别 list share the head noun of the last one, however
     * long each is. */
    { "集成电路、汽车零配件、锂电池出口分别增长107.9%、46.7%、57.4%，"
      "高技术制造业、装备制造业增加值分别增长9.5%、10.7%。", ES_KIND_GOVREPORT, 2026, 5, {
        W("107.9%", 107.9, "%", C, "=", .metric = "集成电路出口"),
        W("46.7%", 46.7, "%", C, "=", .metric = "汽车零配件出口"),
        W("57.4%", 57.4, "%", C, "=", .metric = "锂电池出口"),
        W("9.5%", 9.5, "%", C, "=", .metric = "高技术制造业增加值"),
        W("10.7%", 10.7, "%", C, "=", .metric = "装备制造业增加值") } },
    /* Items that each end in a head noun, or end alike, are whole metrics;
     * a conjunction inside a word (普及率) splits nothing. */
    { "接待游客人次、旅游总花费分别增长10.4%、10.2%，生产安全事故起数、死亡人数分别下降9.5%、7.1%，"
      "农村供电可靠率、自来水普及率分别达99.9%、94.5%。", ES_KIND_GOVREPORT, 2026, 6, {
        W("10.4%", 10.4, "%", C, "=", .metric = "接待游客人次"),
        W("10.2%", 10.2, "%", C, "=", .metric = "旅游总花费"),
        W("9.5%", -9.5, "%", C, "=", .metric = "生产安全事故起数"),
        W("7.1%", -7.1, "%", C, "=", .metric = "死亡人数"),
        W("99.9%", 99.9, "%", A, "=", .metric = "农村供电可靠率"),
        W("94.5%", 94.5, "%", A, "=", .metric = "自来水普及率") } },
    /* More figures than names in the clause: the clauses of bare names
     * before it name the first ones; a 分别 clause naming nothing goes on
     * with the same names. */
    { "全省小学净入学率,初中毛入学率,普通高中、中职学校毕业率分别为99.9%、101.2%、96%和98%,"
      "分别比上年提高0.1%、0.5%、1.2%和0.8%。", ES_KIND_STATS, 2024, 8, {
        W("99.9%", 99.9, "%", A, "=", .metric = "小学净入学率"),
        W("101.2%", 101.2, "%", A, "=", .metric = "初中毛入学率"),
        W("96%", 96, "%", A, "=", .metric = "普通高中毕业率"),
        W("98%", 98, "%", A, "=", .metric = "中职学校毕业率"),
        W("0.1%", 0.1, "%", C, "=", .metric = "小学净入学率"),
        W("0.8%", 0.8, "%", C, "=", .metric = "中职学校毕业率") } },
    { "承办建议提案75件，其中主办45件，会办30件。培训100名具备心理健康教师上岗资格证的兼职心理教师。"
      "江南大学15个专业入选国家一流本科专业建设点。竣工投用实验小学、港城校区等11个项目。"
      "完成新建、改扩建幼儿园14所、义务教育学校22所。太湖学院办学水平位列全国民办本科高校第六名，江苏省同类高校第一名。",
      ES_KIND_SUMMARY, 0, 10, {
        W("75件", 75, "件", A, "=", .metric = "承办建议提案"),
        W("45件", 45, "件", A, "=", .metric = "主办建议提案"),
        W("30件", 30, "件", A, "=", .metric = "会办建议提案"),
        W("100名", 100, "名", A, "=", .metric = "培训兼职心理教师"),
        W("15个", 15, "个", A, "=", .metric = "江南大学专业入选国家一流本科专业建设点"),
        W("11个", 11, "个", A, "=", .metric = "竣工投用项目"),
        W("14所", 14, "所", A, "=", .metric = "完成新建、改扩建幼儿园"),
        W("22所", 22, "所", A, "=", .metric = "完成新建、改扩建义务教育学校"),
        W("第六名", 6, "位", R, "=", .metric = "太湖学院办学水平"),
        W("第一名", 1, "位", R, "=", .metric = "太湖学院办学水平", .scope = "全省") } },
    { "六是免费实施1万名老年人白内障复明工程。监管企业利润总额五年增长27.7%。"
      "集体经营收入50万元以上的行政村占比达68%。邮轮母港接待邮轮91艘次。", ES_KIND_SUMMARY, 0, 5, {
        W("1万名", 10000, "名", A, "=", .metric = "免费实施老年人白内障复明工程"),
        W("27.7%", 27.7, "%", C, "=", .metric = "监管企业利润总额"),
        W("68%", 68, "%", A, "=", .metric = "行政村占比"),
        W("91艘次", 91, "艘次", A, "=", .metric = "邮轮母港接待邮轮") } },
    { "34所幼儿园完成治理任务，全市新增5所省健康促进金牌学校，全市99.76%的义务教育学校达省定办学标准。",
      ES_KIND_SUMMARY, 0, 3, {
        W("34所", 34, "所", A, "=", .metric = "幼儿园完成治理任务"),
        W("5所", 5, "所", A, "=", .metric = "新增省健康促进金牌学校"),
        W("99.76%", 99.76, "%", A, "=", .metric = "义务教育学校达省定办学标准") } },
    { "新增幼儿园57所。资助学生54925人次，金额7151万元。", ES_KIND_SUMMARY, 0, 3, {
        W("7151万元", 71510000, "元", A, "=", .metric = "资助学生金额") } },
    /* A prize won names the event an earlier clause brings in (参加, 在 ... 中). */
    { "参加2021年全国职业院校技能大赛，获金牌3块、银牌5块。在省中小学青年教师教学竞赛中，获特等奖2个，位列全省第一。",
      ES_KIND_SUMMARY, 0, 4, {
        W("3块", 3, "块", A, "=", .metric = "全国职业院校技能大赛金牌"),
        W("5块", 5, "块", A, "=", .metric = "全国职业院校技能大赛银牌"),
        W("2个", 2, "个", A, "=", .metric = "省中小学青年教师教学竞赛特等奖"),
        W("第一", 1, "位", R, "=", .metric = "省中小学青年教师教学竞赛特等奖") } },
    /* A subject before the verb names what won it. */
    { "举办全市中小学艺术展演，10部作品荣获省一等奖。", ES_KIND_SUMMARY, 0, 1, {
        W("10部", 10, "部", A, "=", .metric = "作品荣获省一等奖") } },
    /* A later item with a verb of its own is no change (增长31.2%、占全国4成);
     * the year a figure starts from (从2020年的) is not part of its metric. */
    { "工业机器人产量增长31.2%、占全国4成，人均地区生产总值从2020年的10.5万元提高到2025年的14万元，"
      "建成250个社区健身路径或3人制篮球场。", ES_KIND_GOVREPORT, 2026, 5, {
        W("31.2%", 31.2, "%", C, "=", .metric = "工业机器人产量"),
        W("4成", 4, "成", A, "=", .metric = "工业机器人产量"),
        W("10.5万元", 105000, "元", A, "=", .metric = "人均地区生产总值", .year = 2020),
        W("14万元", 140000, "元", A, "=", .metric = "人均地区生产总值"),
        W("250个", 250, "个", A, "=") } },
    { "一、强化政治引领\n（二）思想建设\n8．新增幼儿园57所。\n一是新建学校3所。\n", ES_KIND_SUMMARY, 0, 2, {
        W("57所", 57, "所", A, "=", .metric = "新增幼儿园"),
        W("3所", 3, "所", A, "=", .metric = "新建学校") } },
};

static void test_metrics(void **state) { RUN(state, metric_cases); }

/* --- the subject a measure needs: a bare measure (招生, 在校生, 图书)
 * is of the school level its paragraph speaks of, named by a heading, a
 * lead label or an earlier figure; a breakdown's parts and another
 * subject (全县学生) end that. Asides in brackets are no part of a metric;
 * a bracket right after a figure breaks it down. ------------------------- */

static const extract_case subject_cases[] = {
    { "二、学前教育\n全县幼儿园28所。毕业2100人;招生1950人;图书8.6万册,比上年增加0.4万册。\n", ES_KIND_STATS, 2023, 5, {
        W("1950人", 1950, "人", A, "=", .metric = "幼儿园招生"),
        W("8.6万册", 86000, "册", A, "=", .metric = "幼儿园图书"),
        W("0.4万册", 4000, "册", C, "=", .metric = "幼儿园图书") } },
    { "普通高中\n学校4所;招生1800人。\n——初中。校数9所;在校生6200人。\n", ES_KIND_STATS, 2023, 4, {
        W("1800人", 1800, "人", A, "=", .metric = "普通高中招生"),
        W("9所", 9, "所", A, "=", .metric = "初中校数"),
        W("6200人", 6200, "人", A, "=", .metric = "初中在校生") } },
    { "全市共有中等职业学校6所,在校生9800人,专任教师610人。全市学生总数21万人,教职工1.6万人。", ES_KIND_STATS, 2023, 5, {
        W("9800人", 9800, "人", A, "=", .metric = "中等职业学校在校生"),
        W("610人", 610, "人", A, "=", .metric = "中等职业学校专任教师"),
        W("1.6万人", 16000, "人", A, "=", .metric = "教职工") } },
    { "义务教育学校95所,其中小学61所、初中34所;在校生5.2万人。", ES_KIND_STATS, 2023, 4, {
        W("61所", 61, "所", A, "=", .metric = "小学"),
        W("5.2万人", 52000, "人", A, "=", .metric = "义务教育在校生") } },
    { "特殊教育(含随班就读、送教上门学生)招生人数320人,全市教职工数(含中小学、幼儿园)41200人,"
      "幼儿园86所(公办40所,民办46所),全县160所(含3所九年一贯制学校)义务教育学校。", ES_KIND_STATS, 2023, -1, {
        W("320人", 320, "人", A, "=", .metric = "特殊教育招生人数"),
        W("41200人", 41200, "人", A, "=", .metric = "教职工数"),
        W("40所", 40, "所", A, "=", .metric = "公办幼儿园"),
        W("46所", 46, "所", A, "=", .metric = "民办幼儿园"),
        W("160所", 160, "所", A, "=", .metric = "义务教育学校") } },
    /* A bare measure ending the metric before it is that metric again;
     * a span up to now (10年来) is no part of it. */
    { "全市财政性教育经费投入达到120亿元,10年来累计投入980亿元;十年来新建学校96所。", ES_KIND_SUMMARY, 2024, 3, {
        W("120亿元", 12000000000, "元", A, "=", .metric = "财政性教育经费投入"),
        W("980亿元", 98000000000, "元", A, "=", .metric = "财政性教育经费投入"),
        W("96所", 96, "所", A, "=", .metric = "新建学校") } },
    { "2019年至2021年,全县三年共投入资金8.6亿元。", ES_KIND_SUMMARY, 2021, 1, {
        W("8.6亿元", 860000000, "元", A, "=", .metric = "投入资金") } },
    /* A figure after another is no label of the metric (以上的|45所). */
    { "每月收费300元以下的幼儿园120所,300元以上的45所。", ES_KIND_STATS, 2024, -1, {
        W("120所", 120, "所", A, "=", .metric = "每月收费幼儿园"),
        W("45所", 45, "所", A, "=", .metric = "每月收费幼儿园") } },
    /* A rate of what ends the metric before is that metric's rate. */
    { "全校普通类本科上线860人,上线率72.5%。", ES_KIND_SUMMARY, 2024, 2, {
        W("72.5%", 72.5, "%", A, "=", .metric = "全校普通类本科上线率") } },
    /* A 分别 clause naming nothing is about the figures before it. */
    { "全县有幼儿园86所,在园幼儿1.2万人,分别比上年增加5%、8%。", ES_KIND_STATS, 2023, 4, {
        W("5%", 5, "%", C, "=", .metric = "幼儿园"),
        W("8%", 8, "%", C, "=", .metric = "在园幼儿") } },
    /* Places alone after a count of schools are those schools' places. */
    { "全县幼儿园120所,共有学位2.6万个。", ES_KIND_STATS, 2023, 2, {
        W("2.6万个", 26000, "个", A, "=", .metric = "幼儿园学位") } },
    /* A rate alone after a count is the rate of what was counted. */
    { "全县录播教室数量达到120间,覆盖率60%;心理辅导室85个,达标率95%。", ES_KIND_SUMMARY, 2024, 4, {
        W("60%", 60, "%", A, "=", .metric = "录播教室覆盖率"),
        W("95%", 95, "%", A, "=", .metric = "心理辅导室达标率") } },
    /* A word of resolve between the measure and its verb is no part of it. */
    { "到2030年，全区初中专任教师力争达到3000人，学前教育毛入园率确保保持在95%以上。", ES_KIND_PLAN, 2026, 2, {
        W("3000人", 3000, "人", T, "=", .metric = "初中专任教师", .year = 2030),
        W("95%", 95, "%", T, ">=", .metric = "学前教育毛入园率", .year = 2030) } },
};

static void test_subjects_and_asides(void **state) { RUN(state, subject_cases); }

/* --- building work: a stage (完工, 在建) or a measure of the work (竣工率,
 * 投入资金) without an object of its own counts the object its paragraph
 * names last, or the one the money is spent on. ------------------------- */

static const extract_case object_cases[] = {
    { "全区今年计划建设公办幼儿园12所，其中新建8所、改扩建4所。截至6月底，已完工7所、在建5所。",
      ES_KIND_PROGRESS, 2023, 5, {
        W("7所", 7, "所", A, "=", .metric = "完工公办幼儿园"),
        W("5所", 5, "所", A, "=", .metric = "在建公办幼儿园") } },
    { "推进农村学校运动场改造项目，已开工18个，竣工15个，竣工率83.3%。", ES_KIND_SUMMARY, 2023, 3, {
        W("18个", 18, "个", A, "=", .metric = "开工农村学校运动场改造项目"),
        W("83.3%", 83.3, "%", A, "=", .metric = "农村学校运动场改造项目竣工率") } },
    { "投入资金860万元，用于薄弱学校改造项目。投入2.1亿元，新建了育才中学、实验小学和城东幼儿园等项目。",
      ES_KIND_SUMMARY, 2023, 2, {
        W("860万元", 8600000, "元", A, "=", .metric = "薄弱学校改造项目投入资金"),
        W("2.1亿元", 210000000, "元", A, "=", .metric = "育才中学等项目投入") } },
    /* Who a programme reached is a measure of the programme carried out
     * in the clause before; a clause that carries none out names none. */
    { "全面实施农村义务教育学生营养改善计划,惠及学生3.6万人;改造校舍12所,惠及师生5000余人。",
      ES_KIND_SUMMARY, 2023, 3, {
        W("3.6万人", 36000, "人", A, "=", .metric = "农村义务教育学生营养改善计划惠及学生"),
        W("5000余人", 5000, "人", A, "~", .metric = "惠及师生") } },
    /* Lines with no mark at their end run on: the object a line before
     * names is what a stage counts. */
    { "今年秋季开学\n全县义务教育阶段学校中\n新建有3所,改扩建有12所\n", ES_KIND_PROGRESS, 2023, 2, {
        W("3所", 3, "所", A, "=", .metric = "新建义务教育阶段学校"),
        W("12所", 12, "所", A, "=", .metric = "改扩建义务教育阶段学校") } },
    /* A measure of the work is of the object named, before the metric
     * of the figure before it. */
    { "实施中小学运动场提质项目,目前20个项目全部开工,开工率100%。", ES_KIND_SUMMARY, 2023, 2, {
        W("100%", 100, "%", A, "=", .metric = "中小学运动场提质项目开工率") } },
    /* 有 and 含 as verbs open no metric; as a word's first character
     * (有效) they stay. */
    { "全县有特殊教育学校2所,初中12所(含3所民办初中),有效发明专利180件。", ES_KIND_STATS, 2023, 4, {
        W("2所", 2, "所", A, "=", .metric = "特殊教育学校"),
        W("3所", 3, "所", A, "=", .metric = "民办初中"),
        W("180件", 180, "件", A, "=", .metric = "有效发明专利") } },
    /* What a condition before 可 says is no part of the measure. */
    { "三所新校全部建成投入使用后可新增学位5400个。", ES_KIND_SUMMARY, 2023, 1, {
        W("5400个", 5400, "个", A, "=", .metric = "新增学位") } },
    /* A bare measure among the parts is of the whole's school level. */
    { "初中教职工1850人(专任教师1720人),其中女教师960人。", ES_KIND_STATS, 2023, 3, {
        W("1720人", 1720, "人", A, "=", .metric = "初中专任教师") } },
    /* A part that is a school level is built as the whole is. */
    { "全县新建、改扩建中小学幼儿园26所,其中:小学9所、幼儿园17所。", ES_KIND_SUMMARY, 2023, 3, {
        W("9所", 9, "所", A, "=", .metric = "新建、改扩建小学"),
        W("17所", 17, "所", A, "=", .metric = "新建、改扩建幼儿园") } },
    /* A rate after the parts is the whole's, no part of it. */
    { "已开工建设中小学幼儿园30处,其中:中小学18处、幼儿园12处,开工率60%。", ES_KIND_PROGRESS, 2023, 4, {
        W("18处", 18, "处", A, "=", .metric = "开工建设中小学"),
        W("60%", 60, "%", A, "=", .metric = "中小学幼儿园开工率") } },
    { "全年计划新建、改扩建公办幼儿园30所,目前已经完成24所。", ES_KIND_PROGRESS, 2023, 2, {
        W("24所", 24, "所", A, "=", .metric = "完成公办幼儿园") } },
    { "实施“百校提升、千师培训”工程项目120个、完工96个。", ES_KIND_SUMMARY, 2023, 2, {
        W("96个", 96, "个", A, "=", .metric = "完工“百校提升、千师培训”工程项目") } },
    /* An object that does not end its phrase, or that another sentence
     * names, is not what the money went to. */
    { "全市投入1.6亿元，完成了765个学校智慧校园建设。新签约产业项目20个。总投资120亿元。",
      ES_KIND_SUMMARY, 2023, 4, {
        W("1.6亿元", 160000000, "元", A, "=", .metric = "投入"),
        W("120亿元", 12000000000, "元", A, "=", .metric = "总投资") } },
    /* A part named by a school level counts what the whole counts, unless
     * the whole counts the schools. */
    { "全县义务教育学校95所，其中小学61所；在校生5.2万人，其中小学3.6万人；班级1200个，其中小学700个。",
      ES_KIND_STATS, 2023, 6, {
        W("61所", 61, "所", A, "=", .metric = "小学"),
        W("3.6万人", 36000, "人", A, "=", .metric = "小学在校生"),
        W("700个", 700, "个", A, "=", .metric = "小学班级") } },
};

static void test_objects(void **state) { RUN(state, object_cases); }

/* --- text as pages lay it out: a sentence broken across wrapped lines,
 * digit groups written with spaces. ------------------------------------- */

static const extract_case layout_cases[] = {
    { "全县各级各类学校办学条件持续改善，九年义务教\n育巩固率达到99.2%，高中阶段教育毛入学率达到\n"
      "95.1%，比上年提高0.6个百分点，普及水平明显\n提高，全县教师队伍持续优化，专任教师学历达标\n"
      "率达到百分之百，骨干教师比例进一步提高，县域\n内交流轮岗教师人数明显增加，结构更加合理。\n",
      ES_KIND_SUMMARY, 2023, 3, {
        W("99.2%", 99.2, "%", A, "=", .metric = "九年义务教育巩固率"),
        W("95.1%", 95.1, "%", A, "=", .metric = "高中阶段教育毛入学率"),
        W("0.6个百分点", 0.6, "个百分点", C, "=", .metric = "高中阶段教育毛入学率") } },
    { "全市在校生59 804人，教育经费1 234 567元。", ES_KIND_STATS, 2023, 2, {
        W("59 804人", 59804, "人", A, "=", .metric = "在校生"),
        W("1 234 567元", 1234567, "元", A, "=", .metric = "教育经费") } },
};

static void test_layout(void **state) { RUN(state, layout_cases); }

/* --- years and the parts of a document ------------------------------------ */

static const extract_case year_cases[] = {
    { "2022年义务教育优质均衡监测达标比例为88.28%，今年达标学校新增12所。", ES_KIND_PROGRESS, 2023, 2, {
        W("88.28%", 88.28, "%", A, "=", .metric = "义务教育优质均衡监测达标比例", .year = 2022) } },
    /* Unnumbered headings open zones too; a figure of an earlier year is a
     * result inside a part about goals, one of a later year a goal. */
    { "“十四五”时期工作回顾\n到2030年，研发投入强度达到3%。粮食产量增长2%。\n"
      "2026年重点工作\n2025年地区生产总值增长5.4%。新建学校20所。\n", ES_KIND_GOVREPORT, 2026, 4, {
        W("3%", 3, "%", T, "=", .metric = "研发投入强度"),
        W("2%", 2, "%", C, "=", .metric = "粮食产量"),
        W("5.4%", 5.4, "%", C, "=", .metric = "地区生产总值"),
        W("20所", 20, "所", T, "=", .metric = "新建学校") } },
    { "一、2025年工作回顾\n地区生产总值增长5.4%，多措并举稳预期，城镇新增就业50万人。\n"
      "二、“十五五”时期主要目标任务\n地区生产总值年均增长5%左右。\n"
      "三、全力推动“十五五”开好局\n今年主要预期目标是：地区生产总值按增长5%安排。\n", ES_KIND_GOVREPORT, 2026, 4, {
        W("5.4%", 5.4, "%", C, "=", .metric = "地区生产总值", .year = 2025),
        /* 稳预期 is no goal. */
        W("50万人", 500000, "人", A, "=", .metric = "城镇新增就业"),
        W("5%", 5, "%", T, "~", .metric = "地区生产总值", .year = 2030),
        W("5%", 5, "%", T, "=", .metric = "地区生产总值", .nth = 1, .year = 2026) } },
    /* A work report reviews the year before its own even when no heading
     * says so, and its title names no part's year; a numbered heading
     * naming its own year or a later period opens this year's goals. */
    { "2026年某省政府工作报告\n各位代表：\n一、一年接着一年干\n全省地区生产总值增长5.1%，新建学校30所。\n"
      "二、关于2026年工作\n滚动实施1500个省重点项目，培育企业360家。\n", ES_KIND_GOVREPORT, 2026, 4, {
        W("5.1%", 5.1, "%", C, "=", .metric = "地区生产总值", .year = 2025),
        W("30所", 30, "所", A, "=", .year = 2025),
        W("1500个", 1500, "个", T, "=", .year = 2026),
        W("360家", 360, "家", T, "=", .metric = "培育企业") } },
    /* A line break inside the goals sentence keeps them goals. */
    { "一、全力推动“十五五”开好局\n今年经济社会发展的主要预期目标\n是：地区生产总值增长5%左右；城镇新增就业50万人以上。\n",
      ES_KIND_GOVREPORT, 2026, 2, {
        W("5%", 5, "%", T, "~", .metric = "地区生产总值", .year = 2026),
        W("50万人", 500000, "人", T, ">=", .metric = "城镇新增就业") } },
    { "过去一年，地区生产总值增长5.3%。\n今年主要预期目标\n是：地区生产总值增长5%左右。\n", ES_KIND_GOVREPORT, 2026, 2, {
        W("5.3%", 5.3, "%", C, "=", .year = 2025),
        W("5%", 5, "%", T, "~", .metric = "地区生产总值") } },
    /* In a work report's review a goal word (预期, 确保) names what was aimed
     * at and reached; a goal of yearly average growth with no year of its
     * own is one for the five-year period the report's year opens. */
    { "一、2025年工作回顾\n好的预期不断释放，GDP年均增长4.4%，确保粮食产量稳定在500亿斤以上。\n"
      "二、2026年重点工作\n纲要草案提出，地区生产总值年均增长5%左右，细颗粒物年均浓度控制在29微克/立方米。\n",
      ES_KIND_GOVREPORT, 2026, 4, {
        W("4.4%", 4.4, "%", C, "=", .metric = "GDP"),
        W("500亿斤", 5e10, "斤", A, ">=", .metric = "粮食产量"),
        W("5%", 5, "%", T, "~", .metric = "地区生产总值", .year = 2030),
        W("29微克/立方米", 29, "微克/立方米", T, "=", .year = 2026) } },
    /* A part on both last year's work and the five years behind it. */
    { "一、2025年主要工作和“十四五”发展成就\n争取中央预算内投资237亿元，新入选国家培养计划科技领军人才409名。\n",
      ES_KIND_GOVREPORT, 2026, 2, {
        W("237亿元", 2.37e10, "元", A, "="),
        W("409名", 409, "名", A, "=") } },
    { "“十五五”时期，地区生产总值年均增长5%左右。", ES_KIND_GOVREPORT, 2026, 1, {
        W("5%", 5, "%", T, "~", .metric = "地区生产总值", .year = 2030) } },
};

static void test_years_and_parts(void **state) { RUN(state, year_cases); }

/* --- the span of time a figure covers: a paragraph opening on five years
 * makes its flows and changes the period's totals, a yearly average
 * (年均) covers the period, the start of a span of change (从X到Y) is of
 * the year before the span; a paragraph opening on a year is about that
 * year again; a figure about a part of the region names it. ------------- */

static const extract_case period_cases[] = {
    { "一、2025年工作回顾\n过去五年，全省新建学校120所，在校生从310万人增加到360万人，教育经费年均增长6%。\n"
      "——这是民生持续改善的五年。城镇新增就业累计280万人。\n"
      "刚刚过去的2025年，新建学校30所，在校生达到360万人，武汉都市圈经济总量达到3.8万亿元。\n",
      ES_KIND_GOVREPORT, 2026, 8, {
        W("120所", 120, "所", A, "=", .basis = "cumulative", .first = 2021, .last = 2025),
        W("310万人", 3.1e6, "人", A, "=", .basis = "annual", .year = 2020),
        W("360万人", 3.6e6, "人", A, "=", .basis = "annual", .year = 2025),
        W("6%", 6, "%", C, "=", .basis = "average", .first = 2021, .last = 2025),
        W("280万人", 2.8e6, "人", A, "=", .basis = "cumulative", .first = 2021, .last = 2025),
        W("30所", 30, "所", A, "=", .basis = "annual", .year = 2025),
        W("3.8万亿元", 3.8e12, "元", A, "=", .basis = "annual", .subject = "武汉都市圈") } },
};

static void test_periods(void **state) { RUN(state, period_cases); }

/* --- what is no indicator ------------------------------------------------- */

static const char *const not_indicators[] = {
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
    /* Sizes, classes and voltages of built things are specs, not amounts of work. */
    "推动某化工60万吨钾肥复合造粒等项目建设，释放吉化120万吨乙烯转型升级项目产能。",
    "建成防城港30万吨级进港航道，推动30万千瓦级煤电机组上大压小，海拔1500米以上农村学校建设供暖设施。",
    "新建750千伏输变电工程，建设8英寸碳化硅晶圆产线，重庆至武汉段4.5米水深航道全线贯通。",
};

static void test_not_indicators(void **state)
{
    for (size_t k = 0; k < COUNT(not_indicators); k++) {
        run r;
        extract(*state, &r, not_indicators[k], ES_KIND_SUMMARY, DEFAULT_YEAR);
        if (r.list.n)
            fail_msg("found %.*s in: %s", (int)(r.list.items[0].end - r.list.items[0].start),
                     not_indicators[k] + r.list.items[0].start, not_indicators[k]);
        run_free(&r);
    }
}

/* --- tables ----------------------------------------------------------------- */

/* A source whose tables are the runs of lines holding tabs, one row a
 * line and one cell between tabs, as a reader of office files records
 * them: cells are spans of the raw text. */
static es_source tabbed_source(const char *text, const char *sheet)
{
    es_source src = { .text = (char *)text, .len = strlen(text) };
    es_table *t = NULL;
    unsigned row = 0;
    for (const char *line = text; *line;) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        if (!memchr(line, '\t', (size_t)(eol - line))) {
            t = NULL;
        } else {
            if (!t) {
                t = es_table_list_add(&src.tables, (size_t)(line - text), sheet);
                row = 0;
            }
            unsigned col = 0;
            for (const char *cell = line; cell <= eol; col++) {
                const char *tab = memchr(cell, '\t', (size_t)(eol - cell));
                const char *end = tab ? tab : eol;
                es_table_add_cell(t, (size_t)(cell - text), (size_t)(end - text), row, col, 1, 1);
                cell = end + 1;
            }
            row++;
        }
        line = *eol ? eol + 1 : eol;
    }
    return src;
}

typedef struct table_case {
    const char *text;
    const char *kind;
    int year;
    int count;
    want wants[MAX_WANTS];
    struct { const char *number; unsigned row, col; } cells[4];   /* provenance checked */
} table_case;

static void run_table_case(const es_extractor *ex, const table_case *c)
{
    es_source src = tabbed_source(c->text, "表1");
    run r = { .text = c->text };
    es_text_in in = { .text = c->text, .len = strlen(c->text), .src = &src, .doc_kind = c->kind, .doc_year = c->year };
    es_extract_text(ex, &in, &r.view, &r.st, NULL, &r.list);
    if (c->count >= 0 && r.list.n != (size_t)c->count)
        fail_msg("%zu indicators, want %d in: %s", r.list.n, c->count, c->text);
    for (size_t i = 0; i < MAX_WANTS && c->wants[i].number; i++)
        check_want(&r, &c->wants[i]);
    for (size_t i = 0; i < 4 && c->cells[i].number; i++) {
        const es_indicator *ind = find(&r, c->cells[i].number, 0);
        if (ind->table != 1 || ind->row != c->cells[i].row || ind->col != c->cells[i].col ||
            !ind->sheet || strcmp(ind->sheet, "表1") != 0)
            fail_msg("%s: table %d row %u col %u sheet %s", c->cells[i].number, ind->table, ind->row, ind->col,
                     ind->sheet ? ind->sheet : "(none)");
    }
    for (size_t k = 1; k < r.list.n; k++)
        assert_true(r.list.items[k - 1].start <= r.list.items[k].start);
    run_free(&r);
    es_table_list_free(&src.tables);
}

static const table_case table_cases[] = {
    /* A statistics table: row label, then the heading's measure; bare
     * counts; text around it read as before, and only once. */
    { "全县基础教育情况如下。\n类别\t学校数\t在校生数\t专任教师数\n小学\t120\t56,789\t3456\n"
      "初中\t45\t/\t2100\n全县新增学位1200个。\n", ES_KIND_SUMMARY, 2023, 6, {
        W("120", 120, "", A, "=", .metric = "小学学校数"),
        W("56,789", 56789, "", A, "=", .metric = "小学在校生数"),
        W("2100", 2100, "", A, "=", .metric = "初中专任教师数"),
        W("1200个", 1200, "个", A, "=", .metric = "新增学位") },
      { { "120", 1, 1 }, { "2100", 2, 3 } } },
    /* A plan's table of indicators: the year columns say baseline and goal,
     * the label's note gives unit and scale, an attribute column holds no
     * figure. */
    { "指标\t2022年\t2027年\t属性\n一、普及水平\t\t\t\n1.高中阶段毛入学率(%)\t95%\t98%以上\t预期性\n"
      "2.新增公办学位(万个)\t1.2\t3\t约束性\n", ES_KIND_PLAN, 2027, 4, {
        W("95%", 95, "%", A, "=", .metric = "高中阶段毛入学率", .year = 2022),
        W("98%", 98, "%", T, ">=", .metric = "高中阶段毛入学率", .year = 2027),
        W("1.2", 12000, "个", A, "=", .metric = "新增公办学位", .year = 2022),
        W("3", 30000, "个", T, "=", .metric = "新增公办学位", .year = 2027) },
      { { "98%", 2, 2 } } },
    /* Rows of parts (其中): a level takes the place of the parent's, a
     * measure follows the parent's subject; a part row without 其中
     * continues the breakdown. */
    { "指标\t2021年\t2025年\n3.义务教育大班额比例(%)\t\t\n其中:小学\t4.1%\t0\n初中\t6.5%\t0\n"
      "4.小学教师本科及以上学历比例(%)\t62%\t75%\n其中:研究生学历比例(%)\t2.4%\t5%\n", ES_KIND_PLAN, 2025, 8, {
        W("4.1%", 4.1, "%", A, "=", .metric = "小学大班额比例", .year = 2021),
        W("6.5%", 6.5, "%", A, "=", .metric = "初中大班额比例"),
        W("62%", 62, "%", A, "=", .metric = "小学教师本科及以上学历比例"),
        W("5%", 5, "%", T, "=", .metric = "小学教师研究生学历比例", .year = 2025) }, { { NULL, 0, 0 } } },
    /* A unit column, and a column of changes. */
    { "指标\t单位\t2023年\t比上年增长\n普通高中招生\t万人\t1.25\t3.5%\n", ES_KIND_PROGRESS, 2023, 2, {
        W("1.25", 12500, "人", A, "=", .metric = "普通高中招生", .year = 2023),
        W("3.5%", 3.5, "%", C, "=", .metric = "普通高中招生") }, { { NULL, 0, 0 } } },
    /* A table of tasks: sentences in cells, read with their column's kind. */
    { "项目\t年度目标\t完成情况\n学前教育\t新建幼儿园5所，新增学位900个\t已建成4所，新增学位720个\n",
      ES_KIND_PROGRESS, 2023, 4, {
        W("5所", 5, "所", T, "=", .metric = "新建幼儿园"),
        W("900个", 900, "个", T, "=", .metric = "新增学位"),
        W("4所", 4, "所", A, "="),
        W("720个", 720, "个", A, "=", .metric = "新增学位") },
      { { "720个", 1, 2 } } },
};

static void test_tables(void **state)
{
    for (size_t k = 0; k < COUNT(table_cases); k++)
        run_table_case(*state, &table_cases[k]);
}

/* Tables flattened into text read as the same tables: one cell a line
 * ending in a bar, one cell a paragraph, rows between bars. */
static const extract_case text_table_cases[] = {
    { "学段 |\n学校数 |\n在校生数 |\n生师比 |\n小学 |\n41 |\n23150 |\n17.97 |\n初中 |\n18 |\n11042 |\n12.34 |\n",
      ES_KIND_SUMMARY, 2023, 6, {
        W("41", 41, "", A, "=", .metric = "小学学校数"),
        W("11042", 11042, "", A, "=", .metric = "初中在校生数"),
        W("12.34", 12.34, "", A, "=", .metric = "初中生师比") } },
    { "指标\n\n2021年\n\n2026年\n\n属性\n\n1.入学率(%)\n\n98%\n\n99%以上\n\n约束性\n\n"
      "2.平均受教育年限(年)\n\n10.8\n\n11.5年\n\n预期性\n", ES_KIND_PLAN, 2026, 4, {
        W("98%", 98, "%", A, "=", .metric = "入学率", .year = 2021),
        W("99%", 99, "%", T, ">=", .metric = "入学率", .year = 2026),
        W("10.8", 10.8, "年", A, "=", .metric = "平均受教育年限"),
        W("11.5年", 11.5, "年", T, "=", .metric = "平均受教育年限") } },
    { "项目 | 年度目标 | 完成情况 |\n学前教育 | 新建幼儿园3所 | 已完工2所,新增学位600个 |\n", ES_KIND_PROGRESS, 2023, 3, {
        W("3所", 3, "所", T, "=", .metric = "新建幼儿园"),
        W("2所", 2, "所", A, "="),
        W("600个", 600, "个", A, "=", .metric = "新增学位") } },
};

static void test_tables_in_text(void **state) { RUN(state, text_table_cases); }

/* A row for the whole (合计, 总计) is of what the caption above the table
 * names; without a caption, of the column's measure alone. */
static const extract_case total_row_cases[] = {
    { "2023年全县中小学基本情况表\n类别 |\n学校数 |\n在校生数 |\n小学 |\n41 |\n23150 |\n初中 |\n18 |\n11042 |\n"
      "合计 |\n59 |\n34192 |\n", ES_KIND_STATS, 2023, 6, {
        W("59", 59, "", A, "=", .metric = "全县中小学学校数"),
        W("34192", 34192, "", A, "=", .metric = "全县中小学在校生数") } },
    { "类别 |\n学校数 |\n小学 |\n41 |\n初中 |\n18 |\n总计 |\n59 |\n", ES_KIND_STATS, 2023, 3, {
        W("59", 59, "", A, "=", .metric = "学校数") } },
};

static void test_total_rows(void **state) { RUN(state, total_row_cases); }

/* Headings over two rows with merged cells: a year over a goal and a
 * result column. */
static void test_table_merged_headings(void **state)
{
    const char *text = "指标\n2023年\n目标\n完成\n学前三年毛入园率(%)\n92%\n93.5%\n";
    es_source src = { .text = (char *)text, .len = strlen(text), .page_starts = NULL };
    size_t at[7], len[7], n = 0;
    for (const char *p = text; *p && n < 7; n++) {
        const char *eol = strchr(p, '\n');
        at[n] = (size_t)(p - text);
        len[n] = (size_t)(eol - p);
        p = eol + 1;
    }
    es_table *t = es_table_list_add(&src.tables, 0, NULL);
    es_table_add_cell(t, at[0], at[0] + len[0], 0, 0, 2, 1);   /* 指标, over two rows */
    es_table_add_cell(t, at[1], at[1] + len[1], 0, 1, 1, 2);   /* 2023年, over two columns */
    es_table_add_cell(t, at[2], at[2] + len[2], 1, 1, 1, 1);
    es_table_add_cell(t, at[3], at[3] + len[3], 1, 2, 1, 1);
    for (unsigned c = 0; c < 3; c++)
        es_table_add_cell(t, at[4 + c], at[4 + c] + len[4 + c], 2, c, 1, 1);
    size_t pages[] = { 0, at[6] };
    src.page_starts = pages;
    src.npages = 2;
    run r = { .text = text };
    es_text_in in = { .text = text, .len = strlen(text), .src = &src, .doc_kind = ES_KIND_PROGRESS, .doc_year = 2023 };
    es_extract_text(*state, &in, &r.view, &r.st, NULL, &r.list);
    assert_int_equal(r.list.n, 2);
    const want goal = W("92%", 92, "%", T, "=", .metric = "学前三年毛入园率", .year = 2023);
    const want done = W("93.5%", 93.5, "%", A, "=", .metric = "学前三年毛入园率", .year = 2023);
    check_want(&r, &goal);
    check_want(&r, &done);
    assert_int_equal(find(&r, "92%", 0)->page, 1);
    assert_int_equal(find(&r, "93.5%", 0)->page, 2);
    assert_null(find(&r, "92%", 0)->sheet);
    run_free(&r);
    es_table_list_free(&src.tables);
}

/* --- the list itself -------------------------------------------------------- */

static void test_sentence_index_and_order(void **state)
{
    run r;
    extract(*state, &r, "新增幼儿园57所。资助学生54925人次，金额7151万元。", ES_KIND_SUMMARY, DEFAULT_YEAR);
    assert_int_equal(r.list.n, 3);
    assert_int_equal(r.list.items[0].sentence, 0);
    assert_int_equal(r.list.items[1].sentence, 1);
    assert_true(r.list.items[1].start < r.list.items[2].start);
    /* Sentences are stored in raw offsets. */
    assert_int_equal(r.st.sentences[1].start, strlen("新增幼儿园57所。"));
    run_free(&r);
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
        cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_rate_bases),
        cmocka_unit_test(test_quoted),
        cmocka_unit_test(test_years_counted),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_kind_from_clause),
        cmocka_unit_test(test_will_act),
        cmocka_unit_test(test_comparisons),
        cmocka_unit_test(test_ranks),
        cmocka_unit_test(test_metrics),
        cmocka_unit_test(test_subjects_and_asides),
        cmocka_unit_test(test_objects),
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_years_and_parts),
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_not_indicators),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_table_merged_headings),
        cmocka_unit_test(test_tables_in_text),
        cmocka_unit_test(test_total_rows),
        cmocka_unit_test(test_sentence_index_and_order),
        cmocka_unit_test(test_kind_names_and_bad_data_dir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
