/* Metadata inference: the five sample documents, the 31 provincial
 * government work reports (with and without their CSV columns) and small
 * synthetic texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edushell/base/common.h"
#include "edushell/document/gazetteer.h"
#include "edushell/document/metadata.h"
#include "edushell/source/source.h"
#include "edushell/text/normalize.h"

#define REGIONS_TSV EDUSHELL_SOURCE_DATA "/regions.tsv"
#define SAMPLE_DIR EDUSHELL_SOURCE_DATA "/sample/"
#define PROVINCE_DIR EDUSHELL_SHARED_DIR "/corpus/provinces-2026/"
#define PROVINCE_COUNT 31

/* What a document's metadata must be; NULL strings must come out NULL. */
typedef struct expected {
    const char *file;
    const char *region, *level, *province, *kind, *title, *issuer, *issued;
    int year;
} expected;

static int load_gazetteer(void **state)
{
    es_err err = {{0}};
    *state = es_gazetteer_load(REGIONS_TSV, &err);
    if (!*state)
        fprintf(stderr, "%s: %s\n", REGIONS_TSV, err.msg);
    return *state ? 0 : -1;
}

static int free_gazetteer(void **state)
{
    es_gazetteer_free(*state);
    return 0;
}

/* A source built by hand, as the source reader would make it. */
static es_source make_source(const char *path, char *text, size_t len)
{
    const char *slash = strrchr(path, '/');
    es_source src = {
        .path = es_xstrdup(path),
        .name = es_xstrdup(slash ? slash + 1 : path),
        .text = text,
        .len = len,
        .format = ES_FORMAT_TEXT,
        .encoding = ES_ENC_UTF8,
    };
    return src;
}

static void add_meta(es_source *src, const char *key, const char *value)
{
    src->meta = es_xrealloc(src->meta, (src->nmeta + 1) * sizeof *src->meta);
    src->meta[src->nmeta++] = (es_kv){es_xstrdup(key), es_xstrdup(value)};
}

static void drop_source(es_source *src)
{
    for (size_t i = 0; i < src->nmeta; i++) {
        free(src->meta[i].key);
        free(src->meta[i].value);
    }
    free(src->meta);
    free(src->path);
    free(src->name);
    free(src->text);
}

static es_source read_source(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    es_err err = {{0}};
    if (es_read_file(path, &text, &len, &err) < 0)
        fail_msg("%s: %s", path, err.msg);
    return make_source(path, text, len);
}

static es_source text_source(const char *text)
{
    return make_source("synthetic.txt", es_xstrdup(text), strlen(text));
}

/* Metadata as the pipeline infers it: on the text's normalized view. */
static void infer(const es_gazetteer *gz, const es_source *src, es_meta *m)
{
    es_view view;
    es_view_build(src->text, src->len, &view);
    es_meta_infer(gz, src, &view, m);
    es_view_free(&view);
}

static void check_string(const char *what, const char *doc, const char *want, const char *got)
{
    if (!want && !got)
        return;
    if (!want || !got || strcmp(want, got) != 0)
        fail_msg("%s: %s is '%s', expected '%s'", doc, what, got ? got : "(null)", want ? want : "(null)");
}

static void check_meta(const es_meta *m, const expected *e)
{
    check_string("region", e->file, e->region, m->region);
    check_string("region_level", e->file, e->level, m->region_level);
    check_string("province", e->file, e->province, m->province);
    check_string("kind", e->file, e->kind, m->kind);
    check_string("title", e->file, e->title, m->title);
    check_string("issued", e->file, e->issued, m->issued);
    if (m->year != e->year)
        fail_msg("%s: year is %d, expected %d", e->file, m->year, e->year);
    /* The issuer may list co-signers: it must contain the expected body. */
    if (e->issuer && (!m->issuer || !strstr(m->issuer, e->issuer)))
        fail_msg("%s: issuer is '%s', expected to contain '%s'", e->file,
                 m->issuer ? m->issuer : "(null)", e->issuer);
    if (!e->issuer && m->issuer)
        fail_msg("%s: issuer is '%s', expected none", e->file, m->issuer);
}

static void check_sample(const es_gazetteer *gz, const expected *e)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", SAMPLE_DIR, e->file);
    es_source src = read_source(path);
    es_meta m;
    infer(gz, &src, &m);
    check_meta(&m, e);
    es_meta_free(&m);
    drop_source(&src);
}

/* --- the sample documents --- */

static void test_sample_000_summary(void **state)
{
    const expected e = {"000_b6db7edfdf7e32f2.txt", "无锡市", "prefecture", "江苏省", ES_KIND_SUMMARY,
                        "2021年全市教育工作总结", "无锡市教育局", "2022-03-10", 2021};
    check_sample(*state, &e);
}

static void test_sample_001_plan(void **state)
{
    const expected e = {"001_019e954832e73c93.txt", "无锡市", "prefecture", "江苏省", ES_KIND_PLAN,
                        "2022年全市教育工作要点", "无锡市教育局", "2022-03-10", 2022};
    check_sample(*state, &e);
}

static void test_sample_002_midyear(void **state)
{
    /* No title line; 2019, 2020 and the range (2020-2022年) are named. */
    const expected e = {"002_218492bfd16679c2.txt", "无锡市", "prefecture", "江苏省", ES_KIND_MIDYEAR,
                        NULL, NULL, NULL, 2020};
    check_sample(*state, &e);
}

static void test_sample_003_progress(void **state)
{
    /* A web page whose site name is advertising: the body names 无锡. */
    const expected e = {"003_62fab0e769c6bf60.txt", "无锡市", "prefecture", "江苏省", ES_KIND_PROGRESS,
                        "市教育局2023年重点工作目标任务1-12月完成情况", NULL, "2024-04-10", 2023};
    check_sample(*state, &e);
}

static void test_sample_004_county_plan(void **state)
{
    /* 太仓市 issues it; 苏州市 appears in the copy line and the body. */
    const expected e = {"004_4dfda354a9c2e969.txt", "太仓市", "county", "江苏省", ES_KIND_PLAN,
                        "2021年度教育工作要点", "太仓市教育局", "2021-02-18", 2021};
    check_sample(*state, &e);
}

/* --- the provincial government work reports --- */

/* The province in a corpus file name: 2026_<province>_政府工作报告.csv */
static int province_of_file(const char *name, char *out, size_t cap)
{
    const char *suffix = "_政府工作报告.csv";
    size_t len = strlen(name), slen = strlen(suffix);
    if (strncmp(name, "2026_", 5) != 0 || len <= 5 + slen || strcmp(name + len - slen, suffix) != 0)
        return 0;
    size_t n = len - 5 - slen;
    if (n + 1 > cap)
        return 0;
    memcpy(out, name + 5, n);
    out[n] = '\0';
    return 1;
}

/* The last field (full_text) of the first data row: the rows hold one
 * quoted multi-line field after five plain ones. Kept minimal on purpose,
 * so this test does not depend on the CSV reader. */
static char *full_text_of(const char *csv, size_t len, size_t *out_len)
{
    const char *p = memchr(csv, '\n', len);
    assert_non_null(p);
    p++;
    for (int commas = 0; commas < 5; p++) {
        assert_true(p < csv + len);
        commas += *p == ',';
    }
    assert_true(*p == '"');
    es_buf text = {0};
    for (p++; p < csv + len; p++) {
        if (*p == '"') {
            if (p + 1 < csv + len && p[1] == '"') {
                es_buf_putc(&text, '"');
                p++;
                continue;
            }
            break;
        }
        es_buf_putc(&text, *p);
    }
    return es_buf_take(&text, out_len);
}

typedef void (*report_check)(const es_gazetteer *gz, const char *path, const char *province);

static void for_each_report(const es_gazetteer *gz, report_check check)
{
    DIR *dir = opendir(PROVINCE_DIR);
    if (!dir)
        skip(); /* the shared corpus is not part of the repository */
    struct dirent *ent;
    size_t seen = 0;
    while ((ent = readdir(dir)) != NULL) {
        char province[128], path[1024];
        if (!province_of_file(ent->d_name, province, sizeof province))
            continue;
        snprintf(path, sizeof path, "%s%s", PROVINCE_DIR, ent->d_name);
        check(gz, path, province);
        seen++;
    }
    closedir(dir);
    assert_int_equal(seen, PROVINCE_COUNT);
}

static void check_report_level(const es_gazetteer *gz, const es_meta *m, const char *path,
                               const char *province)
{
    check_string("region", path, province, m->region);
    check_string("province", path, province, m->province);
    check_string("region_level", path, "province", m->region_level);
    check_string("kind", path, ES_KIND_GOVREPORT, m->kind);
    assert_true(es_gazetteer_find(gz, province) >= 0);
}

/* With the CSV columns as hints: the raw file is the text. */
static void check_report_with_hints(const es_gazetteer *gz, const char *path, const char *province)
{
    es_source src = read_source(path);
    char title[256];
    snprintf(title, sizeof title, "2026年%s政府工作报告", province);
    add_meta(&src, "province", province);
    add_meta(&src, "year", "2026");
    add_meta(&src, "title", title);
    es_meta m;
    infer(gz, &src, &m);
    check_report_level(gz, &m, path, province);
    check_string("title", path, title, m.title);
    if (m.year != 2026)
        fail_msg("%s: year %d", path, m.year);
    es_meta_free(&m);
    drop_source(&src);
}

/* Without any column: the report's own text must name its province. */
static void check_report_from_text(const es_gazetteer *gz, const char *path, const char *province)
{
    es_source raw = read_source(path);
    size_t len = 0;
    char *text = full_text_of(raw.text, raw.len, &len);
    es_source src = make_source(path, text, len);
    es_meta m;
    infer(gz, &src, &m);
    check_report_level(gz, &m, path, province);
    if (m.year != 2026)
        fail_msg("%s: year %d", path, m.year);
    es_meta_free(&m);

    /* Not even a title or a heading: the last two thirds of the text. */
    size_t cut = len / 3;
    while (cut < len && ((unsigned char)text[cut] & 0xC0) == 0x80)
        cut++;
    es_source body = make_source(path, es_xstrndup(text + cut, len - cut), len - cut);
    infer(gz, &body, &m);
    check_string("region of the body", path, province, m.region);
    es_meta_free(&m);
    drop_source(&body);
    drop_source(&src);
    drop_source(&raw);
}

static void test_reports_with_csv_hints(void **state)
{
    for_each_report(*state, check_report_with_hints);
}

static void test_reports_from_text_alone(void **state)
{
    for_each_report(*state, check_report_from_text);
}

/* --- synthetic texts --- */

static es_meta infer_text(const es_gazetteer *gz, const char *text)
{
    es_source src = text_source(text);
    es_meta m;
    infer(gz, &src, &m);
    drop_source(&src);
    return m;
}

static void test_no_region(void **state)
{
    es_meta m = infer_text(*state, "2019年全市教育工作总结\n\n全市各级各类学校认真落实，全市教育工作取得新进展。\n");
    assert_null(m.region);
    /* Its words say a city speaks, whose name it does not say. */
    assert_string_equal(m.region_level, "prefecture");
    assert_null(m.province);
    assert_string_equal(m.kind, ES_KIND_SUMMARY);
    assert_string_equal(m.title, "2019年全市教育工作总结");
    assert_int_equal(m.year, 2019);
    assert_null(m.issued);
    es_meta_free(&m);
}

static void test_county_plan(void **state)
{
    es_meta m = infer_text(*state,
                           "江阴市教育局\n\n2024年全市教育工作计划\n\n"
                           "2024年，全市教育系统对照无锡市教育局部署，推进江阴教育高质量发展。\n"
                           "一、主要目标\n义务教育巩固率保持100%。\n\n江阴市教育局\n2024年1月8日\n");
    assert_string_equal(m.region, "江阴市");
    assert_string_equal(m.region_level, "county");
    assert_string_equal(m.province, "江苏省");
    assert_string_equal(m.kind, ES_KIND_PLAN);
    assert_string_equal(m.issuer, "江阴市教育局");
    assert_string_equal(m.issued, "2024-01-08");
    assert_int_equal(m.year, 2024);
    es_meta_free(&m);
}

static void test_midyear_heading(void **state)
{
    es_meta m = infer_text(*state,
                           "今年以来，南京市教育系统扎实推进各项工作。2021年下半年将继续努力。\n"
                           "一、上半年工作完成情况\n南京市新增学位1.2万个，完成2021-2023年行动计划的40%。\n"
                           "二、下半年工作打算\n2021年6月30日前完成招生。\n");
    assert_string_equal(m.kind, ES_KIND_MIDYEAR);
    assert_int_equal(m.year, 2021);
    assert_null(m.title);
    assert_string_equal(m.region, "南京市");
    es_meta_free(&m);
}

static void test_year_ignores_range_ends_and_dates(void **state)
{
    /* 2025 is named five times, but only as a range end or in a date. */
    es_meta m = infer_text(*state, "落实规划（至2025年），推进2022—2025年行动和2023-2025年计划。\n"
                                   "2025年3月1日起执行，2025年6月底前完成。2024年度任务已完成，2024年重点如下。\n");
    assert_int_equal(m.year, 2024);
    es_meta_free(&m);
}

static void test_same_name_county_resolved_by_province(void **state)
{
    /* 朝阳区 is in 北京市 and in 长春市 (吉林省): the mention of 吉林省
     * decides. */
    es_meta m = infer_text(*state, "朝阳区教育局\n2022年教育工作要点\n认真落实吉林省教育厅部署，办好朝阳区教育。\n");
    assert_string_equal(m.region, "朝阳区");
    assert_string_equal(m.province, "吉林省");
    es_meta_free(&m);
    m = infer_text(*state, "朝阳区教育委员会\n2022年教育工作要点\n落实北京市教育委员会部署。\n");
    assert_string_equal(m.region, "朝阳区");
    assert_string_equal(m.province, "北京市");
    es_meta_free(&m);
}

static void test_issuer_outweighs_body(void **state)
{
    /* The copy line and the body name the prefecture's bodies more often
     * than the county; the letterhead settles it, and the copy line names
     * no one the document is about. */
    es_meta m = infer_text(*state, "太仓市教育局\n\n关于印发《2021年度教育工作要点》的通知\n"
                                    "抄：苏州市教育局办公室，苏州市人民政府办公室，苏州市委办公室，"
                                    "苏州市人大常委会办公室\n\n2021年度教育工作要点\n"
                                    "落实苏州市教育局部署，争创苏州市级示范校，推进太仓教育发展。\n");
    assert_string_equal(m.issuer, "太仓市教育局");
    assert_string_equal(m.region, "太仓市");
    assert_string_equal(m.region_level, "county");
    es_meta_free(&m);
}

static void test_scope_word_prefers_city(void **state)
{
    /* The province is named more, but 全市 says a city speaks. */
    es_meta m = infer_text(*state, "全市教育系统落实常州市教育局和江苏省教育厅部署，"
                                    "全市学校参加江苏省评比，全市成绩优良。\n");
    assert_string_equal(m.region, "常州市");
    assert_string_equal(m.province, "江苏省");
    es_meta_free(&m);
    m = infer_text(*state, "全省教育系统落实常州市教育局和江苏省教育厅部署，"
                           "全省学校参加江苏省评比，全省成绩优良。\n");
    assert_string_equal(m.region, "江苏省");
    es_meta_free(&m);
}

static void test_cover_letter_title(void **state)
{
    es_meta m = infer_text(*state, "关于印发《2023年全县教育工作要点》的通知\n各学校：\n"
                                    "现将《2023年全县教育工作要点》印发给你们。\n沛县教育局\n2023年2月1日印发\n");
    assert_string_equal(m.title, "2023年全县教育工作要点");
    assert_string_equal(m.kind, ES_KIND_PLAN);
    assert_string_equal(m.region, "沛县");
    assert_string_equal(m.issued, "2023-02-01");
    es_meta_free(&m);
}

/* The kinds of the labelling guide, from a title, the opening lines, the
 * marks of news or of a web page, and the shape of a bulletin; cues in
 * another document's 《》 title say nothing. */
static void test_kinds_of_documents(void **state)
{
    static const struct {
        const char *text, *kind;
    } cases[] = {
        {"某县教育局关于义务教育均衡发展督导评估的自评报告\n一、基本情况\n全县学校52所。\n", ES_KIND_REPORT},
        {"2023年全县教育事业发展统计公报\n全县共有学校52所。\n", ES_KIND_STATS},
        {"2022-2023学年全市中小学情况表\n类别 |\n学校数 |\n", ES_KIND_STATS},
        {"某市“十五五”教育发展主要指标\n指标 2025年 2030年\n", ES_KIND_PLAN},
        {"2023年全区教育工作要点\n一、总体目标\n", ES_KIND_PLAN},
        {"关于印发《2023年教育工作要点》的通知\n各学校：\n", ES_KIND_PLAN},
        {"编号:C123 某区教育局2023年上半年工作总结汇报，全区教育系统围绕年度目标扎实推进各项工作。\n", ES_KIND_MIDYEAR},
        {"当前位置: 首页 > 新闻 > 要闻\n本报讯（记者 王某）今年以来，全县新增学位3000个。\n", ES_KIND_PROGRESS},
        {"发布时间:2022-09-01 来源:县融媒体中心\n全县新建幼儿园5所。\n", ES_KIND_PROGRESS},
        {"全县幼儿园30所，比上年增加2所。在园幼儿8000人，比上年减少300人。小学20所，较上年减少1所。"
         "在校生2万人，比上年增加500人。专任教师1500人，比上年增加20人。\n", ES_KIND_STATS},
        {"认真落实《学前教育行动计划》，全县新增学位3000个。\n", NULL},
        /* No title: a text telling what has been done reports results;
         * one that sets out as much to do says nothing of its kind. */
        {"过去一年，全市新增学位8000个，建成学校12所，累计投入资金5亿元，义务教育巩固率达到99%。\n",
         ES_KIND_PROGRESS},
        {"全市新增学位8000个，建成学校12所。力争明年再建学校10所，确保完成目标。\n", NULL},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        es_meta m = infer_text(*state, cases[k].text);
        check_string("kind", cases[k].text, cases[k].kind, m.kind);
        es_meta_free(&m);
    }
}

/* The year reported on: a range in a plan's title its last year, a school
 * year its first; a five-year plan named in the title its last year; a
 * dateline under a report's title; in the text, not ranges, not what goes
 * on since (2012年以来), not an event told (2016年被评为), nor an occasion. */
static void test_years_of_documents(void **state)
{
    static const struct {
        const char *text;
        int year;
    } cases[] = {
        {"某市学前教育行动计划(2021—2025年)\n一、发展基础\n2019年全市幼儿园300所。\n", 2025},
        {"2022-2023学年全市中小学情况表\n类别 |\n", 2022},
        {"某州“十四五”教育事业发展规划\n一、发展基础\n", 2025},
        {"某区义务教育均衡发展督导评估自评报告\n(2019年8月31日)\n2012年以来，我区坚持均衡发展。\n", 2019},
        {"值此2024年新春佳节之际，回顾过去一年。2012年以来，2016年被评为先进县，2016年起实施，"
         "2015年全县学校52所，2015年在校生2万人。\n", 2015},
        {"推进2021—2023年行动计划，2023年全县新建学校5所。\n", 2023},
        /* A span with 年 on both ends is a span; 截至 and 到 before a year
         * name a moment, not a span's end. */
        {"某市学前教育五年回顾\n2016年至2020年，全市投入资金10亿元。截至2020年底，全市幼儿园500所。\n", 2020},
        /* What happened to the region in a year (2019年被列为, 2017年入选)
         * is an event told. */
        {"2019年被列为省级示范县，2017年入选试点。全县学校52所。\n日期:2023-05-06\n", 2023},
        /* A page's time stamp says when it was put out, the last resort. */
        {"2024-09-10 08:15 来源:县融媒体中心\n全县新建幼儿园5所，新增学位900个。\n", 2024},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        es_meta m = infer_text(*state, cases[k].text);
        if (m.year != cases[k].year)
            fail_msg("%s: year %d, expected %d", cases[k].text, m.year, cases[k].year);
        es_meta_free(&m);
    }
}

/* The level a document speaks for by its own words, not the scopes it
 * ranks in; a region named above that level (a designation given by a
 * province) is not whom it is about; a region's own kind keeps its level
 * (重庆市 speaking of 全市 is a province-level city). */
static void test_levels_from_words(void **state)
{
    es_meta m = infer_text(*state, "全县共有学校52所，全县教师3000名，位居全市前列，全省第一。\n");
    assert_null(m.region);
    assert_string_equal(m.region_level, "county");
    es_meta_free(&m);
    m = infer_text(*state, "2018年我县被定为河南省教育综合改革试点县。全县学校52所，全县教师3000名。\n");
    assert_null(m.region);
    assert_string_equal(m.region_level, "county");
    es_meta_free(&m);
    m = infer_text(*state, "重庆市教育委员会\n全市新建学校30所，全市新增学位2万个。\n");
    assert_string_equal(m.region, "重庆市");
    assert_string_equal(m.region_level, "province");
    es_meta_free(&m);
}

/* A county named by its short name often, once as an institution's
 * (琼海中学), is the county; counties of one prefecture named side by side
 * make the prefecture's document; an ordinary word that is a short name
 * counts for nothing. */
static void test_short_names_and_siblings(void **state)
{
    es_meta m = infer_text(*state, "琼海融媒记者报道：十八大以来，我市持续加大投入，琼海中学新校区建成，"
                                    "琼海教育发展迈上新台阶，琼海学子受益。\n");
    assert_string_equal(m.region, "琼海市");
    assert_string_equal(m.region_level, "county");
    es_meta_free(&m);
    m = infer_text(*state, "今年秋季开学全市新增学位。\n茅箭区新建学校2所。\n张湾区改扩建学校3所。\n"
                           "郧西县新建学校1所。\n竹山县改扩建学校4所。\n十堰市教育局统筹推进。\n");
    assert_string_equal(m.region, "十堰市");
    assert_string_equal(m.region_level, "prefecture");
    es_meta_free(&m);
}

static void test_hints_win(void **state)
{
    es_source src = text_source("2020年无锡市教育工作总结\n无锡市教育局\n2021年1月5日\n");
    add_meta(&src, "province", "浙江省");
    add_meta(&src, "year", "2019");
    add_meta(&src, "title", "2019年浙江省教育工作要点");
    add_meta(&src, "publish_date", "2019-02-03");
    es_meta m;
    infer(*state, &src, &m);
    assert_string_equal(m.region, "浙江省");
    assert_string_equal(m.region_level, "province");
    assert_int_equal(m.year, 2019);
    assert_string_equal(m.kind, ES_KIND_PLAN);
    assert_string_equal(m.title, "2019年浙江省教育工作要点");
    assert_string_equal(m.issued, "2019-02-03");
    es_meta_free(&m);
    drop_source(&src);
}

static void test_empty_text(void **state)
{
    es_meta m = infer_text(*state, "");
    assert_null(m.title);
    assert_null(m.region);
    assert_null(m.kind);
    assert_null(m.issuer);
    assert_null(m.issued);
    assert_int_equal(m.year, 0);
    es_meta_free(&m);
    es_meta_free(&m); /* freeing twice is harmless: the struct is cleared */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_000_summary),
        cmocka_unit_test(test_sample_001_plan),
        cmocka_unit_test(test_sample_002_midyear),
        cmocka_unit_test(test_sample_003_progress),
        cmocka_unit_test(test_sample_004_county_plan),
        cmocka_unit_test(test_reports_with_csv_hints),
        cmocka_unit_test(test_reports_from_text_alone),
        cmocka_unit_test(test_no_region),
        cmocka_unit_test(test_county_plan),
        cmocka_unit_test(test_midyear_heading),
        cmocka_unit_test(test_year_ignores_range_ends_and_dates),
        cmocka_unit_test(test_same_name_county_resolved_by_province),
        cmocka_unit_test(test_issuer_outweighs_body),
        cmocka_unit_test(test_scope_word_prefers_city),
        cmocka_unit_test(test_cover_letter_title),
        cmocka_unit_test(test_kinds_of_documents),
        cmocka_unit_test(test_years_of_documents),
        cmocka_unit_test(test_levels_from_words),
        cmocka_unit_test(test_short_names_and_siblings),
        cmocka_unit_test(test_hints_win),
        cmocka_unit_test(test_empty_text),
    };
    return cmocka_run_group_tests_name("metadata", tests, load_gazetteer, free_gazetteer);
}
