/* The readers of structured formats on real office files (made by
 * LibreOffice, qpdf and img2pdf: tests/fixtures/office/README.md) and on
 * workbooks written here with libxlsxwriter as Excel writes them: the text
 * in order, list numbers written out, notes and deletions left out, tables
 * as cells with their spans, PDF pages, clear errors, and no crash nor
 * half-read document on truncated or damaged files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "edushell/source/readers.h"
#include "edushell/source/source.h"

#define OFFICE EDUSHELL_SOURCE_DATA "/../tests/fixtures/office"
#define SEED_002 EDUSHELL_SOURCE_DATA "/sample/002_218492bfd16679c2.txt"

/* --- helpers ---------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    char *bytes;
    es_err err = {{0}};
    if (es_read_file(path, &bytes, len, &err) != 0)
        fail_msg("%s: %s", path, err.msg);
    return bytes;
}

static es_source read_ok(const char *path)
{
    es_source_list list = {0};
    es_err err = {{0}};
    if (es_source_read(path, &list, &err) != 0)
        fail_msg("%s: %s", path, err.msg);
    assert_int_equal(list.n, 1);
    es_source src = list.items[0];
    free(list.items);
    assert_int_equal(strlen(src.text), src.len);
    return src;
}

static void read_fails(const char *path, const char *reason)
{
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_read(path, &list, &err), -1);
    assert_int_equal(list.n, 0);
    assert_null(list.items);
    if (!strstr(err.msg, reason))
        fail_msg("%s: expected '%s' in '%s'", path, reason, err.msg);
    assert_null(strchr(err.msg, '\n'));
}

static int contains(const es_source *src, const char *needle)
{
    return strstr(src->text, needle) != NULL;
}

static size_t count_of(const es_source *src, const char *needle)
{
    size_t n = 0;
    for (const char *p = src->text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The lines of a text with blanks at both ends trimmed and empty lines
 * dropped, joined by line feeds: what two renderings of one document
 * share. */
static char *content_lines(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && s[end] != '\n')
            end++;
        size_t a = i, b = end;
        while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
            b--;
        if (b > a) {
            memcpy(out + n, s + a, b - a);
            n += b - a;
            out[n++] = '\n';
        }
        i = end + 1;
    }
    out[n] = '\0';
    return out;
}

/* The text of the cell whose span covers (row, col), or NULL. */
static char *cell(const es_source *src, const es_table *t, unsigned row, unsigned col)
{
    const es_table_cell *c = es_table_cell_at(t, row, col);
    if (!c)
        return NULL;
    assert_true(c->start <= c->end && c->end <= src->len);
    return strndup(src->text + c->start, c->end - c->start);
}

static void expect_cell(const es_source *src, const es_table *t, unsigned row, unsigned col,
                        const char *want)
{
    char *got = cell(src, t, row, col);
    if (!got || strcmp(got, want) != 0)
        fail_msg("cell (%u, %u): expected '%s', got '%s'", row, col, want, got ? got : "(none)");
    free(got);
}

/* Every cell is a span of the text on one line, inside its table. */
static void check_tables(const es_source *src)
{
    for (size_t k = 0; k < src->tables.n; k++) {
        const es_table *t = &src->tables.items[k];
        assert_true(t->start <= t->end && t->end <= src->len);
        for (size_t c = 0; c < t->ncells; c++) {
            const es_table_cell *cell = &t->cells[c];
            assert_true(cell->start >= t->start && cell->end <= t->end && cell->start <= cell->end);
            for (size_t i = cell->start; i < cell->end; i++)
                assert_true(src->text[i] != '\n' && src->text[i] != '\t');
        }
    }
}

/* --- Word and OpenDocument text ------------------------------------------------- */

static void expect_same_text_as_seed(const char *path)
{
    size_t seed_len;
    char *seed = slurp(SEED_002, &seed_len);
    es_source src = read_ok(path);
    char *want = content_lines(seed, seed_len);
    char *got = content_lines(src.text, src.len);
    assert_string_equal(got, want);
    free(want);
    free(got);
    free(seed);
    es_source_free(&src);
}

static void test_docx_paragraphs_as_written(void **state)
{
    (void)state;
    expect_same_text_as_seed(OFFICE "/seed_002.docx");
    es_source src = read_ok(OFFICE "/seed_002.docx");
    assert_int_equal(src.format, ES_FORMAT_DOCX);
    assert_int_equal(src.encoding, ES_ENC_UTF8);
    /* Runs split by script are joined. */
    assert_true(contains(&src, "普惠性幼儿园覆盖率达86%。"));
    assert_int_equal(src.tables.n, 0);
    assert_int_equal(src.npages, 0);
    es_source_free(&src);
}

static void test_odt_paragraphs_as_written(void **state)
{
    (void)state;
    expect_same_text_as_seed(OFFICE "/seed_002.odt");
    es_source src = read_ok(OFFICE "/seed_002.odt");
    assert_int_equal(src.format, ES_FORMAT_ODT);
    es_source_free(&src);
}

/* List numbers written out; footnotes, comments and deleted text left
 * out; inserted text and text boxes read once. */
static void expect_features(const char *path, es_format format)
{
    es_source src = read_ok(path);
    assert_int_equal(src.format, format);
    assert_true(contains(&src, "\n一、学前教育普惠发展\n（1）普惠性幼儿园覆盖率达到91.36%。\n"
                               "（2）新建幼儿园5所。\n二、义务教育优质均衡\n"));
    assert_true(contains(&src, "•"));
    assert_true(contains(&src, "新增学位1200个。"));
    assert_true(contains(&src, "全县共有幼儿园57所，在园幼儿9800人。"));
    assert_true(contains(&src, "\n全县小学专任教师2184人。"));
    assert_true(contains(&src, "全县中小学校舍面积新增12万平方米。"));
    assert_int_equal(count_of(&src, "文本框：教育经费总投入20.1亿元。"), 1);
    assert_false(contains(&src, "脚注"));
    assert_false(contains(&src, "批注"));
    assert_false(contains(&src, "删去"));
    assert_false(contains(&src, "审核人"));
    es_source_free(&src);
}

static void test_docx_lists_notes_revisions(void **state)
{
    (void)state;
    expect_features(OFFICE "/features.docx", ES_FORMAT_DOCX);
}

static void test_odt_lists_notes_revisions(void **state)
{
    (void)state;
    expect_features(OFFICE "/features.odt", ES_FORMAT_ODT);
}

/* --- the statistics table in every form -------------------------------------- */

/* The table's cells from its header's top-left corner (row0, col0). */
static void expect_statistics_table(const es_source *src, const es_table *t, unsigned row0)
{
    check_tables(src);
    expect_cell(src, t, row0, 0, "指标");
    expect_cell(src, t, row0 + 1, 0, "指标");          /* spans two header rows */
    assert_int_equal(es_table_cell_at(t, row0, 0)->rowspan, 2);
    expect_cell(src, t, row0, 1, "单位");
    expect_cell(src, t, row0, 2, "完成情况");
    expect_cell(src, t, row0, 3, "完成情况");          /* spans the two years */
    assert_int_equal(es_table_cell_at(t, row0, 2)->colspan, 2);
    expect_cell(src, t, row0, 4, "2025年目标");
    expect_cell(src, t, row0 + 1, 2, "2022年");
    expect_cell(src, t, row0 + 1, 3, "2023年");
    expect_cell(src, t, row0 + 2, 0, "普惠性幼儿园覆盖率");
    expect_cell(src, t, row0 + 2, 1, "%");
    expect_cell(src, t, row0 + 2, 2, "89.47");
    expect_cell(src, t, row0 + 2, 4, "92.00");
    expect_cell(src, t, row0 + 3, 2, "98.20%");        /* shown as a percentage */
    expect_cell(src, t, row0 + 4, 0, "小学在校生");
    expect_cell(src, t, row0 + 4, 2, "48,362");
    expect_cell(src, t, row0 + 6, 0, "义务教育巩固率（%）");
    assert_null(es_table_cell_at(t, row0 + 6, 1));     /* no unit there */
    expect_cell(src, t, row0 + 6, 4, "≥99.5");
    expect_cell(src, t, row0 + 7, 0, "高中阶段毛入学率(%)");
    expect_cell(src, t, row0 + 8, 2, "186,532.47");
    expect_cell(src, t, row0 + 8, 4, "—");
    expect_cell(src, t, row0 + 9, 0, "小学生均公用经费（元）");
    expect_cell(src, t, row0 + 9, 3, "1,250");
    /* One line per row, one tab-separated field per column. */
    assert_true(contains(src, "\n小学在校生\t人\t48,362\t49,105\t50,000\n"));
    assert_true(contains(src, "\n\t\t2022年\t2023年\n"));
}

static void test_table_in_word_opendocument_and_html(void **state)
{
    (void)state;
    const char *files[] = {OFFICE "/table.docx", OFFICE "/table.odt", OFFICE "/table.html"};
    const es_format formats[] = {ES_FORMAT_DOCX, ES_FORMAT_ODT, ES_FORMAT_HTML};
    for (size_t k = 0; k < 3; k++) {
        es_source src = read_ok(files[k]);
        assert_int_equal(src.format, formats[k]);
        assert_int_equal(src.tables.n, 1);
        const es_table *t = &src.tables.items[0];
        assert_null(t->sheet);
        assert_int_equal(t->nrows, 10);
        assert_int_equal(t->ncols, 5);
        expect_statistics_table(&src, t, 0);
        /* The paragraphs around it stay text. */
        assert_true(contains(&src, "见下表。"));
        assert_true(strstr(src.text, "注：2025年目标") > src.text + t->end);
        es_source_free(&src);
    }
}

static void test_table_in_workbooks(void **state)
{
    (void)state;
    const char *files[] = {OFFICE "/table.xlsx", OFFICE "/table.ods"};
    const es_format formats[] = {ES_FORMAT_XLSX, ES_FORMAT_ODS};
    for (size_t k = 0; k < 2; k++) {
        es_source src = read_ok(files[k]);
        assert_int_equal(src.format, formats[k]);
        assert_int_equal(src.tables.n, 1);
        const es_table *t = &src.tables.items[0];
        assert_string_equal(t->sheet, "主要指标");
        /* Sheet coordinates: the merged title is A1:E1, the header starts
         * at row 2, the merged note is row 12. */
        expect_cell(&src, t, 0, 0, "某县2022—2023年教育事业发展主要指标");
        assert_int_equal(es_table_cell_at(t, 0, 0)->colspan, 5);
        expect_statistics_table(&src, t, 1);
        assert_int_equal(es_table_cell_at(t, 11, 0)->colspan, 5);
        assert_int_equal(t->nrows, 12);
        es_source_free(&src);
    }
}

/* --- workbooks written as Excel writes them ------------------------------------ */

static void test_xlsx_number_formats_and_merges(void **state)
{
    (void)state;
    char path[] = "/tmp/edushell-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "2023年");
    lxw_worksheet *second = workbook_add_worksheet(wb, "说明");
    lxw_format *pct = workbook_add_format(wb), *thousands = workbook_add_format(wb),
               *year = workbook_add_format(wb), *date = workbook_add_format(wb),
               *paren = workbook_add_format(wb), *one = workbook_add_format(wb);
    format_set_num_format(pct, "0.0%");
    format_set_num_format(thousands, "#,##0");
    format_set_num_format(year, "0\"年\"");
    format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
    format_set_num_format(paren, "#,##0.00;(#,##0.00)");
    format_set_num_format(one, "0.0");
    worksheet_merge_range(ws, 0, 0, 0, 3, "全县教育统计", NULL);
    worksheet_write_string(ws, 1, 0, "指标", NULL);
    worksheet_write_number(ws, 1, 1, 2023, year);
    worksheet_write_string(ws, 2, 0, "巩固率", NULL);
    worksheet_write_number(ws, 2, 1, 0.9931, pct);
    worksheet_write_string(ws, 3, 0, "在校生", NULL);
    worksheet_write_number(ws, 3, 1, 1234567, thousands);
    worksheet_write_string(ws, 4, 0, "发布日期", NULL);
    worksheet_write_number(ws, 4, 1, 45366, date);              /* 2024-03-15 */
    worksheet_write_string(ws, 5, 0, "结余", NULL);
    worksheet_write_number(ws, 5, 1, -1234.5, paren);
    worksheet_write_string(ws, 6, 0, "小数", NULL);
    worksheet_write_number(ws, 6, 1, 0.1 + 0.2, NULL);          /* General */
    worksheet_write_formula_num(ws, 7, 1, "=B4*2", NULL, 2469134);  /* a formula's cached result */
    worksheet_write_number(ws, 8, 1, 2.25, one);               /* rounds to 2.3 */
    worksheet_write_string(second, 0, 0, "本表数据来源于统计年报。", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

    es_source src = read_ok(path);
    unlink(path);
    assert_int_equal(src.format, ES_FORMAT_XLSX);
    assert_int_equal(src.tables.n, 2);
    const es_table *t = &src.tables.items[0];
    assert_string_equal(t->sheet, "2023年");
    check_tables(&src);
    expect_cell(&src, t, 0, 0, "全县教育统计");
    assert_int_equal(es_table_cell_at(t, 0, 3)->colspan, 4);
    expect_cell(&src, t, 1, 1, "2023年");
    expect_cell(&src, t, 2, 1, "99.3%");
    expect_cell(&src, t, 3, 1, "1,234,567");
    expect_cell(&src, t, 4, 1, "2024年3月15日");
    expect_cell(&src, t, 5, 1, "(1,234.50)");
    expect_cell(&src, t, 6, 1, "0.3");
    expect_cell(&src, t, 7, 1, "2469134");
    assert_null(es_table_cell_at(t, 7, 0));
    expect_cell(&src, t, 8, 1, "2.3");
    assert_string_equal(src.tables.items[1].sheet, "说明");
    assert_true(contains(&src, "\n本表数据来源于统计年报。\n"));
    es_source_free(&src);
}

/* --- PDF ------------------------------------------------------------------------- */

/* The page (from 0) that raw offset `at` is on. */
static size_t page_of(const es_source *src, size_t at)
{
    size_t page = 0;
    while (page + 1 < src->npages && src->page_starts[page + 1] <= at)
        page++;
    return page;
}

static void test_pdf_pages_and_paragraphs(void **state)
{
    (void)state;
    es_source src = read_ok(OFFICE "/seed_002.pdf");
    assert_int_equal(src.format, ES_FORMAT_PDF);
    assert_int_equal(src.npages, 5);
    assert_int_equal(src.page_starts[0], 0);
    for (size_t k = 1; k < src.npages; k++)
        assert_true(src.page_starts[k] > src.page_starts[k - 1]);
    /* Lines of a paragraph joined, the spaces the layout put between
     * ideographs and digits gone, a number broken across lines whole. */
    assert_true(contains(&src, "34所幼儿园完成治理任务，整改率54.8%，普惠性幼儿园覆盖率达86%。"));
    assert_true(contains(&src, "达标比例为80.08%，均位居全省前列。"));
    assert_true(contains(&src, "确定首批36个市级"));
    assert_true(contains(&src, "构建“市-区-校-班-家”五级群防群控体系"));
    /* Paragraphs stay apart. */
    assert_true(contains(&src, "进展顺利。\n一、上半年任务完成情况\n一是党的领导得到全面加强。"));
    /* Pages: the first paragraph is on page 1; 七是 starts on page 3. */
    assert_int_equal(page_of(&src, (size_t)(strstr(src.text, "今年以来") - src.text)), 0);
    assert_int_equal(page_of(&src, (size_t)(strstr(src.text, "七是全力做好疫情防控工作") - src.text)), 2);
    es_source_free(&src);
}

/* Running heads and page numbers are not text: without them the PDF
 * reads as the document it was made from. */
static void test_pdf_running_heads_and_page_numbers(void **state)
{
    (void)state;
    expect_same_text_as_seed(OFFICE "/running.pdf");
    es_source src = read_ok(OFFICE "/running.pdf");
    assert_true(src.npages >= 4);
    assert_false(contains(&src, "内部资料"));
    assert_false(contains(&src, "—2—"));
    es_source_free(&src);
}

/* Lines not justified end short where a number or a quoted word did not
 * fit: they still continue their sentence. */
static void test_pdf_ragged_lines(void **state)
{
    (void)state;
    expect_same_text_as_seed(OFFICE "/ragged.pdf");
    es_source src = read_ok(OFFICE "/ragged.pdf");
    assert_true(contains(&src, "整改率54.8%，"));
    assert_true(contains(&src, "守住学校防护“线”，"));
    es_source_free(&src);
}

/* Two columns: each column's lines joined by its own margins, a sentence
 * running on from the foot of one column to the head of the next, and
 * the gaps of spread lines (资 助 学 生) not text. */
static void test_pdf_two_columns(void **state)
{
    (void)state;
    es_source src = read_ok(OFFICE "/twocol.pdf");
    assert_true(contains(&src, "今年以来，全市教育系统坚持以习近平新时代中国特色社会主义思想为指导，全面落实全国、"));
    assert_true(contains(&src, "开展社会教育线下培训成果信息存入学分银行试点，"));
    assert_true(contains(&src, "上半年累计资助学生54925人次，金额7151万元。"));
    assert_true(contains(&src, "进展顺利。\n一、上半年任务完成情况\n一是党的领导得到全面加强。"));
    size_t lines = 0;
    for (const char *p = src.text; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    assert_true(lines <= 17);   /* the seed's 15 paragraphs, not a line a column line */
    es_source_free(&src);
}

/* Cells of a table's row that the text layer runs together (135000 and
 * 12.5 as 13500012.5) stay apart: a wide gap between characters is a tab. */
static void test_pdf_fields_apart(void **state)
{
    (void)state;
    es_source src = read_ok(OFFICE "/table_funds.pdf");
    assert_true(contains(&src, "135000\t12.5"));
    assert_false(contains(&src, "13500012.5"));
    assert_true(contains(&src, "1620000\t单位：万元"));
    es_source_free(&src);
}

static void test_pdf_owner_password_only_loads(void **state)
{
    (void)state;
    es_source src = read_ok(OFFICE "/owner_only.pdf");
    assert_int_equal(src.npages, 1);
    assert_true(contains(&src, "今年以来，全市教育系统"));
    es_source_free(&src);
}

/* --- errors ------------------------------------------------------------------------ */

static void test_refused_with_a_reason(void **state)
{
    (void)state;
    read_fails(OFFICE "/scanned.pdf", "scanned PDF");
    read_fails(OFFICE "/scanned.pdf", "OCR");
    read_fails(OFFICE "/encrypted_userpw.pdf", "encrypted PDF: it needs a password");
    read_fails(OFFICE "/no_unicode.pdf", "PDF text layer gives no readable characters");
    read_fails(OFFICE "/encrypted.docx", "password-protected Office document");
    read_fails(OFFICE "/encrypted.odt", "password-protected OpenDocument");
    read_fails(OFFICE "/seed_002.doc", "Word 97-2003 document (.doc)");
    read_fails(OFFICE "/seed_002.doc", "--convert");
    read_fails(OFFICE "/table.xls", "Excel 97-2003 workbook (.xls)");
    read_fails(OFFICE "/truncated.docx", "not a complete zip archive");
    read_fails(OFFICE "/truncated.xlsx", "not a complete zip archive");
}

/* A file's name does not decide its format: a DOCX named .txt is a DOCX,
 * a PDF named .html a PDF. */
static void test_format_from_content(void **state)
{
    (void)state;
    const struct {
        const char *from, *as;
        es_format format;
    } cases[] = {
        {OFFICE "/seed_002.docx", "report.txt", ES_FORMAT_DOCX},
        {OFFICE "/seed_002.pdf", "page.html", ES_FORMAT_PDF},
        {OFFICE "/table.xlsx", "data", ES_FORMAT_XLSX},
        {OFFICE "/table.html", "export.xls", ES_FORMAT_HTML},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t len;
        char *bytes = slurp(cases[k].from, &len);
        es_source_list list = {0};
        es_err err = {{0}};
        assert_int_equal(es_source_from_bytes(cases[k].as, bytes, len, &list, &err), 0);
        assert_int_equal(list.items[0].format, cases[k].format);
        assert_string_equal(list.items[0].name, cases[k].as);
        es_source_list_free(&list);
        free(bytes);
    }
}

static void test_compound_files_named(void **state)
{
    (void)state;
    size_t len;
    char *doc = slurp(OFFICE "/seed_002.doc", &len);
    es_err err = {{0}};
    assert_int_equal(es_cfb_format(doc, len, "x.doc", &err), ES_FORMAT_DOC);
    assert_int_equal(es_cfb_format(doc, len, "x.WPS", &err), ES_FORMAT_WPS);
    assert_int_equal(es_cfb_format(doc, len / 3, "x.doc", &err), -1);
    assert_non_null(strstr(err.msg, "damaged or truncated"));
    free(doc);
    char *xls = slurp(OFFICE "/table.xls", &len);
    assert_int_equal(es_cfb_format(xls, len, NULL, &err), ES_FORMAT_XLS);
    free(xls);
    char *enc = slurp(OFFICE "/encrypted.docx", &len);
    assert_int_equal(es_cfb_format(enc, len, "a.docx", &err), -1);
    assert_non_null(strstr(err.msg, "password"));
    free(enc);
}

/* --- damaged files ------------------------------------------------------------------ */

typedef int (*reader_fn)(const char *, size_t, es_source *, es_err *);

/* A damaged file either reads (valid UTF-8 text, tables and pages inside
 * it) or is refused with a reason and nothing read. */
static void expect_whole_or_nothing(reader_fn read, const char *bytes, size_t len)
{
    es_source src;
    es_err err = {{0}};
    memset(&src, 0xAB, sizeof src);
    if (read(bytes, len, &src, &err) == 0) {
        assert_non_null(src.text);
        assert_int_equal(strlen(src.text), src.len);
        check_tables(&src);
        for (size_t k = 0; k < src.npages; k++)
            assert_true(src.page_starts[k] <= src.len);
        es_source_free(&src);
    } else {
        assert_true(err.msg[0] != '\0');
        assert_null(src.text);
        assert_int_equal(src.tables.n, 0);
        assert_null(src.page_starts);
    }
}

/* Cuts at many places and single flipped bits spread over the file. */
static void damage(reader_fn read, const char *path, size_t cuts, size_t flips)
{
    size_t len;
    char *bytes = slurp(path, &len);
    char *copy = malloc(len);
    assert_non_null(copy);
    for (size_t k = 1; k <= cuts; k++) {
        size_t cut = len * k / (cuts + 1);
        memcpy(copy, bytes, cut);
        expect_whole_or_nothing(read, copy, cut);
    }
    uint32_t seed = 2463534242u;
    for (size_t k = 0; k < flips; k++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        memcpy(copy, bytes, len);
        size_t at = seed % len;
        copy[at] ^= (char)(1u << (seed >> 29));
        expect_whole_or_nothing(read, copy, len);
    }
    free(copy);
    free(bytes);
}

static void test_damaged_docx(void **state)
{
    (void)state;
    damage(es_read_docx, OFFICE "/seed_002.docx", 24, 48);
    damage(es_read_docx, OFFICE "/table.docx", 12, 24);
}

static void test_damaged_xlsx(void **state)
{
    (void)state;
    damage(es_read_xlsx, OFFICE "/table.xlsx", 24, 48);
}

static void test_damaged_opendocument(void **state)
{
    (void)state;
    damage(es_read_odt, OFFICE "/features.odt", 12, 24);
    damage(es_read_ods, OFFICE "/table.ods", 12, 24);
}

static void test_damaged_pdf(void **state)
{
    (void)state;
    damage(es_read_pdf, OFFICE "/owner_only.pdf", 12, 24);
    damage(es_read_pdf, OFFICE "/seed_002.pdf", 6, 12);
}

static void test_damaged_html(void **state)
{
    (void)state;
    damage(es_read_html, OFFICE "/table.html", 24, 48);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docx_paragraphs_as_written),
        cmocka_unit_test(test_odt_paragraphs_as_written),
        cmocka_unit_test(test_docx_lists_notes_revisions),
        cmocka_unit_test(test_odt_lists_notes_revisions),
        cmocka_unit_test(test_table_in_word_opendocument_and_html),
        cmocka_unit_test(test_table_in_workbooks),
        cmocka_unit_test(test_xlsx_number_formats_and_merges),
        cmocka_unit_test(test_pdf_pages_and_paragraphs),
        cmocka_unit_test(test_pdf_running_heads_and_page_numbers),
        cmocka_unit_test(test_pdf_ragged_lines),
        cmocka_unit_test(test_pdf_two_columns),
        cmocka_unit_test(test_pdf_fields_apart),
        cmocka_unit_test(test_pdf_owner_password_only_loads),
        cmocka_unit_test(test_refused_with_a_reason),
        cmocka_unit_test(test_format_from_content),
        cmocka_unit_test(test_compound_files_named),
        cmocka_unit_test(test_damaged_docx),
        cmocka_unit_test(test_damaged_xlsx),
        cmocka_unit_test(test_damaged_opendocument),
        cmocka_unit_test(test_damaged_pdf),
        cmocka_unit_test(test_damaged_html),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
