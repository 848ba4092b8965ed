/* Tests for the source layer: decoding, HTML stripping, CSV parsing and
 * reading files into sources. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edushell/source/readers.h"
#include "edushell/source/source.h"

#define FIXTURES EDUSHELL_SOURCE_DATA "/../tests/fixtures"
#define JIANGSU_CSV EDUSHELL_SHARED_DIR "/corpus/provinces-2026/2026_江苏省_政府工作报告.csv"
#define SAMPLE_TXT EDUSHELL_SOURCE_DATA "/sample/000_b6db7edfdf7e32f2.txt"
#define SEED_002 EDUSHELL_SOURCE_DATA "/sample/002_218492bfd16679c2.txt"

/* --- helpers --- */

/* UTF-8 to GB18030 with iconv, so tests need no hand-typed byte tables. */
static char *to_gb18030(const char *utf8, size_t *out_len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = in_left * 2 + 16, out_left = cap;
    char *buf = malloc(cap), *in = (char *)utf8, *dst = buf;
    assert_non_null(buf);
    assert_true(iconv(cd, &in, &in_left, &dst, &out_left) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - out_left;
    return buf;
}

/* UTF-8 to another encoding with iconv. */
static char *convert_to(const char *to, const char *utf8, size_t *out_len)
{
    iconv_t cd = iconv_open(to, "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t in_left = strlen(utf8), cap = in_left * 4 + 16, out_left = cap;
    char *buf = malloc(cap), *in = (char *)utf8, *dst = buf;
    assert_non_null(buf);
    assert_true(iconv(cd, &in, &in_left, &dst, &out_left) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - out_left;
    return buf;
}

/* Whether glibc's GB18030 decoder accepts the bytes. */
static int gb18030_accepts(const char *bytes, size_t len)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    assert_true(cd != (iconv_t)-1);
    char out[256], *in = (char *)bytes, *dst = out;
    size_t in_left = len, out_left = sizeof out;
    size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    return rc != (size_t)-1;
}

typedef struct tmpdir {
    char path[64];
} tmpdir;

static void tmpdir_make(tmpdir *t)
{
    strcpy(t->path, "/tmp/edushell-source-XXXXXX");
    assert_non_null(mkdtemp(t->path));
}

/* Writes a file in the temporary directory; `file` receives its path. */
static void tmpdir_write(const tmpdir *t, const char *name, const char *bytes, size_t len,
                         char *file, size_t file_size)
{
    snprintf(file, file_size, "%s/%s", t->path, name);
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void tmpdir_remove(const tmpdir *t, const char *const *names, size_t n)
{
    char file[256];
    for (size_t k = 0; k < n; k++) {
        snprintf(file, sizeof file, "%s/%s", t->path, names[k]);
        assert_int_equal(unlink(file), 0);
    }
    assert_int_equal(rmdir(t->path), 0);
}

static int contains(const char *haystack, const char *needle)
{
    return strstr(haystack, needle) != NULL;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* --- es_decode_text --- */

static void decode_ok(const char *bytes, size_t len, char **out, size_t *out_len,
                      es_encoding *enc)
{
    es_err err = {{0}};
    int rc = es_decode_text(bytes, len, out, out_len, enc, &err);
    if (rc != 0)
        fail_msg("decode failed: %s", err.msg);
}

static void decode_fails(const char *bytes, size_t len, const char *reason_prefix)
{
    es_err err = {{0}};
    char *out = NULL;
    size_t out_len = 0;
    es_encoding enc;
    assert_int_equal(es_decode_text(bytes, len, &out, &out_len, &enc, &err), -1);
    assert_null(out);
    if (!starts_with(err.msg, reason_prefix))
        fail_msg("expected '%s...', got '%s'", reason_prefix, err.msg);
}

static void test_decode_utf8_without_bom(void **state)
{
    (void)state;
    const char in[] = "教育 2024年\r\n新增学位5000个\n";
    char *out;
    size_t len;
    es_encoding enc = ES_ENC_GB18030;
    decode_ok(in, sizeof in - 1, &out, &len, &enc);
    assert_int_equal(enc, ES_ENC_UTF8);
    assert_int_equal(len, sizeof in - 1);
    assert_memory_equal(out, in, len); /* line endings kept */
    assert_int_equal(out[len], '\0');
    free(out);
}

static void test_decode_utf8_with_bom(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBF教育局\xF0\x9F\x98\x80";
    char *out;
    size_t len;
    es_encoding enc;
    decode_ok(in, sizeof in - 1, &out, &len, &enc);
    assert_int_equal(enc, ES_ENC_UTF8);
    assert_string_equal(out, "教育局\xF0\x9F\x98\x80");
    assert_int_equal(len, strlen("教育局") + 4);
    free(out);
}

static void test_decode_gb18030_literal_bytes(void **state)
{
    (void)state;
    const char in[] = "\xBD\xCC\xD3\xFD\xBE\xD6 2024"; /* 教育局 in GBK */
    char *out;
    size_t len;
    es_encoding enc;
    decode_ok(in, sizeof in - 1, &out, &len, &enc);
    assert_int_equal(enc, ES_ENC_GB18030);
    assert_string_equal(out, "教育局 2024");
    assert_int_equal(len, strlen("教育局 2024"));
    free(out);
}

static void test_decode_gb18030_from_iconv(void **state)
{
    (void)state;
    /* 𠀀 is outside the BMP: a four-byte GB18030 sequence. */
    const char *utf8 = "普惠性幼儿园覆盖率达到90%以上\r\n𠀀“新增学位”\n";
    size_t gb_len;
    char *gb = to_gb18030(utf8, &gb_len);
    char *out;
    size_t len;
    es_encoding enc;
    decode_ok(gb, gb_len, &out, &len, &enc);
    assert_int_equal(enc, ES_ENC_GB18030);
    assert_string_equal(out, utf8);
    assert_int_equal(len, strlen(utf8));
    free(out);
    free(gb);
}

static void test_decode_empty(void **state)
{
    (void)state;
    decode_fails("", 0, "empty file");
    decode_fails(" \r\n\t\n", 5, "empty file");
    decode_fails("\xEF\xBB\xBF", 3, "empty file");
    decode_fails("\xEF\xBB\xBF\r\n  ", 7, "empty file");
}

static void test_decode_binary(void **state)
{
    (void)state;
    const char png[] = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    decode_fails(png, sizeof png - 1, "binary file");

    /* No NUL, but 5 control bytes in 100 is far more than text has. */
    char noisy[100];
    memset(noisy, 'a', sizeof noisy);
    for (size_t k = 0; k < 5; k++)
        noisy[k * 20] = '\x01';
    decode_fails(noisy, sizeof noisy, "binary file");
}

static void test_decode_tolerates_rare_controls(void **state)
{
    (void)state;
    char text[300];
    memset(text, 'a', sizeof text);
    text[10] = '\x1b';    /* one stray escape in 300 bytes */
    text[20] = '\f';
    text[30] = '\t';
    char *out;
    size_t len;
    es_encoding enc;
    decode_ok(text, sizeof text, &out, &len, &enc);
    assert_int_equal(len, sizeof text);
    assert_memory_equal(out, text, len);
    free(out);
}

/* Text is tested eight bytes at a time: a control byte, a NUL or a
 * broken sequence counts wherever it falls in its eight. */
static void test_decode_at_every_offset(void **state)
{
    (void)state;
    char text[151], msg[128];   /* odd: not read as UTF-16 for its NUL */
    for (size_t k = 0; k < 40; k++) {
        memset(text, 'a', sizeof text);
        memcpy(text + 100, "教育", 6);
        text[k] = '\x7f';   /* one in 151 is tolerated, two are not */
        char *out;
        size_t len;
        es_encoding enc;
        decode_ok(text, sizeof text, &out, &len, &enc);
        free(out);
        text[k + 37] = '\x02';
        decode_fails(text, sizeof text, "binary file");
        text[k + 37] = 'a';
        text[k] = '\0';
        decode_fails(text, sizeof text, "binary file");
        text[k] = '\x80';
        text[k + 1] = '\xFF';
        snprintf(msg, sizeof msg, "not UTF-8, UTF-16, GB18030 or Big5 text (invalid UTF-8 at byte %zu)", k);
        decode_fails(text, sizeof text, msg);
    }
}

static void test_decode_invalid_in_both(void **state)
{
    (void)state;
    const char ff[] = "\xFF\xFF\xFF\xFF\xFF\xFF";
    assert_false(gb18030_accepts(ff, sizeof ff - 1));
    decode_fails(ff, sizeof ff - 1, "not UTF-8, UTF-16, GB18030 or Big5 text");

    const char latin1[] = "caf\xE9 cr\xE8me";
    assert_false(gb18030_accepts(latin1, sizeof latin1 - 1));
    decode_fails(latin1, sizeof latin1 - 1, "not UTF-8, UTF-16, GB18030 or Big5 text");
}

/* Each input is valid UTF-8 up to byte 2, then carries a sequence a lax
 * decoder would accept; the trailing 0xFF keeps GB18030 from rescuing it,
 * so the reported offset shows where the UTF-8 check stopped. */
static void test_decode_strict_utf8(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "ok\xC0\xAF\xFF",         /* overlong '/' */
        "ok\xE0\x80\xAF\xFF",     /* overlong, three bytes */
        "ok\xED\xA0\x80\xFF",     /* UTF-16 surrogate D800 */
        "ok\xF4\x90\x80\x80\xFF", /* above U+10FFFF */
        "ok\x80\xFF",             /* stray continuation byte */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
        decode_fails(cases[k], strlen(cases[k]), "not UTF-8, UTF-16, GB18030 or Big5 text (invalid UTF-8 at byte 2)");
}

static void test_decode_bom_then_invalid(void **state)
{
    (void)state;
    /* Valid GBK after a UTF-8 BOM is damage, not a second encoding. */
    const char in[] = "\xEF\xBB\xBF\xBD\xCC\xD3\xFD";
    decode_fails(in, sizeof in - 1, "not UTF-8, UTF-16, GB18030 or Big5 text (invalid UTF-8 at byte 3)");
}

/* UTF-16 in both byte orders, with and without a byte order mark, and
 * Big5 (traditional characters kept as written) read as the seed. */
static void test_decode_utf16_and_big5_fixtures(void **state)
{
    (void)state;
    char *seed;
    size_t seed_len;
    es_err err = {{0}};
    assert_int_equal(es_read_file(SEED_002, &seed, &seed_len, &err), 0);
    static const struct {
        const char *file;
        es_encoding enc;
    } cases[] = {
        {"seed_002.utf16le.txt", ES_ENC_UTF16LE},     {"seed_002.utf16be.txt", ES_ENC_UTF16BE},
        {"seed_002.utf16le-bom.txt", ES_ENC_UTF16LE}, {"seed_002.utf16be-bom.txt", ES_ENC_UTF16BE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/office/%s", FIXTURES, cases[k].file);
        es_source_list list = {0};
        if (es_source_read(path, &list, &err) != 0)
            fail_msg("%s: %s", path, err.msg);
        assert_int_equal(list.items[0].encoding, cases[k].enc);
        assert_int_equal(list.items[0].len, seed_len);
        assert_memory_equal(list.items[0].text, seed, seed_len);
        es_source_list_free(&list);
    }
    es_source_list list = {0};
    assert_int_equal(es_source_read(FIXTURES "/office/seed_002.big5.txt", &list, &err), 0);
    const es_source *big5 = &list.items[0];
    assert_int_equal(big5->encoding, ES_ENC_BIG5);
    assert_string_equal(es_encoding_name(big5->encoding), "big5");
    assert_true(contains(big5->text, "普惠性幼兒園覆蓋率達86%"));
    assert_false(contains(big5->text, "幼儿园"));
    es_source_list_free(&list);
    free(seed);
}

static void test_decode_utf16_errors(void **state)
{
    (void)state;
    /* An odd byte after a byte order mark, and an unpaired surrogate. */
    const char odd[] = "\xFF\xFE\x59\x65\x00";
    decode_fails(odd, sizeof odd - 1, "not valid UTF-16LE text");
    const char lone[] = "\xFE\xFF\xD8\x00\x00\x41";
    decode_fails(lone, sizeof lone - 1, "not valid UTF-16BE text");
    /* UTF-16 without a mark is told from its NULs, whatever the order. */
    const char *orders[] = {"UTF-16LE", "UTF-16BE"};
    const es_encoding encs[] = {ES_ENC_UTF16LE, ES_ENC_UTF16BE};
    for (size_t k = 0; k < 2; k++) {
        size_t n;
        char *bytes = convert_to(orders[k], "2024年新增学位1200个，覆盖率达92.81%。\n", &n);
        char *out;
        size_t len;
        es_encoding enc;
        decode_ok(bytes, n, &out, &len, &enc);
        assert_int_equal(enc, encs[k]);
        assert_string_equal(out, "2024年新增学位1200个，覆盖率达92.81%。\n");
        free(out);
        free(bytes);
    }
}

static void test_html_declared_charset(void **state)
{
    (void)state;
    const char *head[] = {
        "<html><head><meta charset=\"gb2312\"><title>",
        "<HTML><HEAD><META http-equiv=Content-Type content=\"text/html; charset=GBK\">",
        "<html><meta charset='big5'/>",
        "<html><head><title>无</title>",
    };
    assert_int_equal(es_html_declared_encoding(head[0], strlen(head[0])), ES_ENC_GB18030);
    assert_int_equal(es_html_declared_encoding(head[1], strlen(head[1])), ES_ENC_GB18030);
    assert_int_equal(es_html_declared_encoding(head[2], strlen(head[2])), ES_ENC_BIG5);
    assert_int_equal(es_html_declared_encoding(head[3], strlen(head[3])), -1);
}

/* A page declared Big5 decodes as Big5 even where GB18030 would also
 * decode its bytes; valid UTF-8 wins over a declaration. */
static void test_source_html_meta_charset(void **state)
{
    (void)state;
    iconv_t cd = iconv_open("BIG5", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    char page[] = "<html><head><meta charset=\"big5\"></head><body><p>教育局</p></body></html>";
    char big5[128], *in = page, *dst = big5;
    size_t in_left = strlen(page), out_left = sizeof big5;
    assert_true(iconv(cd, &in, &in_left, &dst, &out_left) != (size_t)-1);
    iconv_close(cd);
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_from_bytes("p.html", big5, sizeof big5 - out_left, &list, &err), 0);
    assert_int_equal(list.items[0].encoding, ES_ENC_BIG5);
    assert_string_equal(list.items[0].text, "教育局\n");
    es_source_list_free(&list);
    const char utf8[] = "<html><head><meta charset=\"gb2312\"></head><body><p>教育局</p></body></html>";
    assert_int_equal(es_source_from_bytes("q.html", utf8, sizeof utf8 - 1, &list, &err), 0);
    assert_int_equal(list.items[0].encoding, ES_ENC_UTF8);
    es_source_list_free(&list);
}

/* --- HTML --- */

static char *html_text(const char *html)
{
    size_t len;
    char *text = es_html_to_text(html, strlen(html), &len);
    assert_non_null(text);
    assert_int_equal(strlen(text), len);
    return text;
}

static void test_html_drops_script_style_comments(void **state)
{
    (void)state;
    char *text = html_text(
        "<html><head><title>标题</title>"
        "<style>p > a { color: red; }</style>"
        "<SCRIPT type=\"text/javascript\">if (a < b) document.write('<p>隐藏</p>');</SCRIPT>"
        "</head><body><!-- <p>注释</p> --><p class=\"x>y\">正文2023年</p>"
        "<script src=\"a.js\"/><p>尾</p></body></html>");
    assert_string_equal(text, "标题\n\n正文2023年\n\n尾\n");
    free(text);
}

static void test_html_entities(void **state)
{
    (void)state;
    char *text = html_text("&amp;&lt;&gt;&quot;&apos;a&nbsp;b &#20013;&#x6587;&#X6587;"
                           "&ldquo;x&rdquo;&mdash;&hellip;&middot; &unknown; AT&T &#0; &#xD800;");
    assert_string_equal(text, "&<>\"'a b 中文文“x”—…· &unknown; AT&T \xEF\xBF\xBD \xEF\xBF\xBD\n");
    free(text);
}

static void test_html_blocks_become_lines(void **state)
{
    (void)state;
    char *text = html_text("<p>一</p><p>二</p>a<br>b<ul><li>c</li><li>d</li></ul>"
                           "<h2>题</h2><table><tr><td>学位</td><td>5000个</td></tr></table>");
    assert_string_equal(text, "一\n\n二\n\na\nb\n\nc\nd\n\n题\n\n学位 5000个\n");
    free(text);
}

static void test_html_collapses_blank_lines_and_trims(void **state)
{
    (void)state;
    char *text = html_text("\n\n   <div>  甲   乙  </div>\n\n\n\n   <div>丙</div>"
                           "x&nbsp;&nbsp;<br><br><br><br><br>y");
    assert_string_equal(text, "甲 乙\n丙\nx\n\ny\n");
    free(text);
}

static void test_html_literal_angle_bracket(void **state)
{
    (void)state;
    char *text = html_text("<p>a < b and 3<5</p>");
    assert_string_equal(text, "a < b and 3<5\n");
    free(text);
}

/* Data tables become tables; a table that lays out a page, or holds one
 * row, reads as running text as before. */
static void test_html_tables(void **state)
{
    (void)state;
    const char page[] =
        "<p>见下表</p><table><tr><th rowspan=2>指标</th><th colspan=2>完成</th></tr>"
        "<tr><td>2022年</td><td>2023年</td></tr>"
        "<tr><td>新增<br>学位</td><td>5,000</td><td>6&nbsp;000</td></tr></table>"
        "<table><tr><td>导航</td><td><table><tr><td>甲</td><td>乙</td></tr>"
        "<tr><td>丙</td><td>丁</td></tr></table></td></tr></table>";
    es_source src;
    es_err err = {{0}};
    assert_int_equal(es_read_html(page, sizeof page - 1, &src, &err), 0);
    assert_string_equal(src.text, "见下表\n\n指标\t完成\n\t2022年\t2023年\n新增学位\t5,000\t6 000\n\n"
                                  "导航\n\n甲\t乙\n丙\t丁\n");
    assert_int_equal(src.tables.n, 2);
    const es_table *t = &src.tables.items[0];
    assert_int_equal(t->nrows, 3);
    assert_int_equal(t->ncols, 3);
    const es_table_cell *head = es_table_cell_at(t, 1, 0);
    assert_int_equal(head->rowspan, 2);
    assert_memory_equal(src.text + head->start, "指标", head->end - head->start);
    const es_table_cell *years = es_table_cell_at(t, 0, 2);
    assert_int_equal(years->colspan, 2);
    const es_table_cell *v = es_table_cell_at(t, 2, 2);
    assert_memory_equal(src.text + v->start, "6 000", v->end - v->start);
    assert_string_equal(src.tables.items[1].cells[3].start + src.text, "丁\n");
    es_source_free(&src);
}

static void test_html_sniffing(void **state)
{
    (void)state;
    const char *yes[] = {"<!DOCTYPE html><p>x", "  \n<HTML lang=zh>", "\xEF\xBB\xBF<html>",
                         "<?xml version=\"1.0\"?>\n<html xmlns=\"x\">", "<!-- top -->\n<body>"};
    const char *no[] = {"", "教育 <html>", "<p>only a fragment</p>", "plain text",
                        "<教育>"};
    for (size_t k = 0; k < sizeof yes / sizeof yes[0]; k++)
        assert_true(es_looks_like_html(yes[k], strlen(yes[k])));
    for (size_t k = 0; k < sizeof no / sizeof no[0]; k++)
        assert_false(es_looks_like_html(no[k], strlen(no[k])));
}

/* --- CSV --- */

enum { MAX_ROWS = 8, MAX_FIELDS = 4 };

typedef struct csv_seen {
    size_t nrows;
    size_t lineno[MAX_ROWS];
    size_t nfields[MAX_ROWS];
    char *field[MAX_ROWS][MAX_FIELDS];
    size_t stop_at; /* 1-based record to refuse, 0 for none */
} csv_seen;

static int collect_row(void *ctx, size_t lineno, char **fields, size_t *lens, size_t n)
{
    csv_seen *seen = ctx;
    assert_true(seen->nrows < MAX_ROWS);
    size_t r = seen->nrows++;
    seen->lineno[r] = lineno;
    seen->nfields[r] = n;
    for (size_t k = 0; k < n && k < MAX_FIELDS; k++) {
        assert_int_equal(strlen(fields[k]), lens[k]);
        seen->field[r][k] = strndup(fields[k], lens[k]);
    }
    return seen->stop_at == seen->nrows;
}

static void csv_seen_free(csv_seen *seen)
{
    for (size_t r = 0; r < seen->nrows; r++)
        for (size_t k = 0; k < seen->nfields[r] && k < MAX_FIELDS; k++)
            free(seen->field[r][k]);
}

static void test_csv_quotes_newlines_crlf(void **state)
{
    (void)state;
    const char in[] = "\xEF\xBB\xBF" "a,b,c\r\n"
                      "1,\"x,y\",\"he said \"\"hi\"\"\"\r\n"
                      "2,\"line1\r\nline2\nline3\",\r\n"
                      "\r\n"
                      "3,,last";
    csv_seen seen = {0};
    es_err err = {{0}};
    assert_int_equal(es_csv_parse(in, sizeof in - 1, collect_row, &seen, &err), 0);
    assert_int_equal(seen.nrows, 4);
    assert_string_equal(seen.field[0][0], "a");
    assert_string_equal(seen.field[0][2], "c");
    assert_string_equal(seen.field[1][1], "x,y");
    assert_string_equal(seen.field[1][2], "he said \"hi\"");
    assert_string_equal(seen.field[2][1], "line1\r\nline2\nline3");
    assert_string_equal(seen.field[2][2], "");
    assert_int_equal(seen.nfields[3], 3);
    assert_string_equal(seen.field[3][1], "");
    assert_string_equal(seen.field[3][2], "last");
    assert_int_equal(seen.lineno[0], 1);
    assert_int_equal(seen.lineno[1], 2);
    assert_int_equal(seen.lineno[2], 3);
    assert_int_equal(seen.lineno[3], 7); /* after a 3-line field and a blank line */
    csv_seen_free(&seen);
}

static void test_csv_unterminated_quote_names_line(void **state)
{
    (void)state;
    const char in[] = "a,b\n1,2\n3,\"open\nstill open\n";
    csv_seen seen = {0};
    es_err err = {{0}};
    assert_int_equal(es_csv_parse(in, sizeof in - 1, collect_row, &seen, &err), -1);
    assert_string_equal(err.msg, "line 3: unterminated quoted field");
    csv_seen_free(&seen);
}

static void test_csv_text_after_closing_quote(void **state)
{
    (void)state;
    const char in[] = "a,b\n\"x\"y,2\n";
    csv_seen seen = {0};
    es_err err = {{0}};
    assert_int_equal(es_csv_parse(in, sizeof in - 1, collect_row, &seen, &err), -1);
    assert_true(starts_with(err.msg, "line 2:"));
    csv_seen_free(&seen);
}

static void test_csv_callback_stops_parse(void **state)
{
    (void)state;
    const char in[] = "h\nr1\nr2\nr3\n";
    csv_seen seen = {.stop_at = 2};
    es_err err = {{0}};
    assert_int_equal(es_csv_parse(in, sizeof in - 1, collect_row, &seen, &err), -1);
    assert_int_equal(seen.nrows, 2);
    csv_seen_free(&seen);
}

/* --- sources --- */

static void test_source_csv_rows_and_meta(void **state)
{
    (void)state;
    const char *utf8 = "province,year,full_text,title\n"
                       "江苏省,2026,\"第一段\n新增学位5000个，\"\"优质均衡\"\"\",报告一\n"
                       "浙江省,2025,第二份,报告二\n";
    size_t gb_len;
    char *gb = to_gb18030(utf8, &gb_len);
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_from_bytes("dir/corpus.CSV", gb, gb_len, &list, &err), 0);
    assert_int_equal(list.n, 2);

    const es_source *first = &list.items[0];
    assert_string_equal(first->name, "corpus.CSV#1");
    assert_string_equal(first->path, "dir/corpus.CSV");
    assert_int_equal(first->format, ES_FORMAT_CSV);
    assert_int_equal(first->encoding, ES_ENC_GB18030);
    assert_string_equal(first->text, "第一段\n新增学位5000个，\"优质均衡\"");
    assert_int_equal(first->len, strlen(first->text));
    assert_int_equal(first->nmeta, 3);
    assert_string_equal(es_source_meta(first, "province"), "江苏省");
    assert_string_equal(es_source_meta(first, "year"), "2026");
    assert_string_equal(es_source_meta(first, "title"), "报告一");
    assert_null(es_source_meta(first, "full_text"));

    assert_string_equal(list.items[1].name, "corpus.CSV#2");
    assert_string_equal(list.items[1].text, "第二份");
    assert_string_equal(es_source_meta(&list.items[1], "province"), "浙江省");
    es_source_list_free(&list);
    free(gb);
}

static void test_source_csv_without_full_text(void **state)
{
    (void)state;
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_read(FIXTURES "/bad/no_full_text.csv", &list, &err), -1);
    assert_string_equal(err.msg, "CSV has no full_text column");
    assert_int_equal(list.n, 0);
    assert_null(list.items);
}

static void test_source_csv_partial_failure_appends_nothing(void **state)
{
    (void)state;
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_read(SAMPLE_TXT, &list, &err), 0);
    assert_int_equal(list.n, 1);
    char *before = strdup(list.items[0].text);

    tmpdir dir;
    tmpdir_make(&dir);
    char path[256];
    const char csv[] = "province,full_text\n江苏省,有内容\n浙江省,\"  \"\n上海市,也有\n";
    tmpdir_write(&dir, "bad_row.csv", csv, sizeof csv - 1, path, sizeof path);
    assert_int_equal(es_source_read(path, &list, &err), -1);
    assert_string_equal(err.msg, "row 2: empty full_text");
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].text, before);

    const char *const names[] = {"bad_row.csv"};
    tmpdir_remove(&dir, names, 1);
    free(before);
    es_source_list_free(&list);
}

static void test_source_csv_field_count_mismatch(void **state)
{
    (void)state;
    const char csv[] = "province,full_text\n江苏省,有内容,多余\n";
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_from_bytes("x.csv", csv, sizeof csv - 1, &list, &err), -1);
    assert_true(starts_with(err.msg, "row 1 (line 2):"));
    assert_int_equal(list.n, 0);
}

static void test_source_real_provincial_csv(void **state)
{
    (void)state;
    es_source_list list = {0};
    es_err err = {{0}};
    if (es_source_read(JIANGSU_CSV, &list, &err) != 0)
        fail_msg("%s: %s", JIANGSU_CSV, err.msg);
    assert_int_equal(list.n, 1);
    const es_source *src = &list.items[0];
    assert_string_equal(src->name, "2026_江苏省_政府工作报告.csv#1");
    assert_string_equal(src->path, JIANGSU_CSV);
    assert_string_equal(es_source_meta(src, "province"), "江苏省");
    assert_string_equal(es_source_meta(src, "year"), "2026");
    assert_int_equal(src->encoding, ES_ENC_UTF8);
    assert_true(src->len > 10000);
    assert_int_equal(strlen(src->text), src->len);
    assert_false(starts_with(src->text, "\xEF\xBB\xBF"));
    assert_true(contains(src->text, "江苏"));
    es_source_list_free(&list);
}

static void test_source_plain_text_is_file_bytes(void **state)
{
    (void)state;
    char *bytes;
    size_t len;
    es_err err = {{0}};
    assert_int_equal(es_read_file(SAMPLE_TXT, &bytes, &len, &err), 0);

    es_source_list list = {0};
    assert_int_equal(es_source_read(SAMPLE_TXT, &list, &err), 0);
    assert_int_equal(list.n, 1);
    const es_source *src = &list.items[0];
    assert_string_equal(src->name, "000_b6db7edfdf7e32f2.txt");
    assert_string_equal(src->path, SAMPLE_TXT);
    assert_int_equal(src->format, ES_FORMAT_TEXT);
    assert_int_equal(src->encoding, ES_ENC_UTF8);
    assert_int_equal(src->len, len);
    assert_memory_equal(src->text, bytes, len);
    assert_null(src->meta);
    assert_int_equal(src->nmeta, 0);
    es_source_list_free(&list);
    free(bytes);
}

static void test_source_gbk_fixture(void **state)
{
    (void)state;
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_read(FIXTURES "/good/gbk_plan.txt", &list, &err), 0);
    assert_int_equal(list.n, 1);
    assert_int_equal(list.items[0].encoding, ES_ENC_GB18030);
    assert_int_equal(list.items[0].format, ES_FORMAT_TEXT);
    assert_true(contains(list.items[0].text, "常州市教育局"));
    assert_true(contains(list.items[0].text, "新增学位5000个"));
    assert_true(contains(list.items[0].text, "普惠性幼儿园覆盖率达到90%以上"));
    es_source_list_free(&list);
}

static void test_source_html_fixture(void **state)
{
    (void)state;
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_read(FIXTURES "/good/page.html", &list, &err), 0);
    assert_int_equal(list.n, 1);
    const es_source *src = &list.items[0];
    assert_string_equal(src->name, "page.html");
    assert_int_equal(src->format, ES_FORMAT_HTML);
    assert_true(starts_with(src->text, "2023年苏州市教育工作总结\n"));
    assert_true(contains(src->text, "新增学位6.8万个"));
    assert_true(contains(src->text, "“苏式教育”"));
    assert_true(contains(src->text, "苏州市教育局 & 苏州市发展改革委"));
    assert_false(contains(src->text, "<"));
    assert_false(contains(src->text, "99999"));
    assert_false(contains(src->text, "不应出现"));
    assert_false(contains(src->text, "font-family"));
    es_source_list_free(&list);
}

static void test_source_html_sniffed_and_gb18030(void **state)
{
    (void)state;
    size_t gb_len;
    char *gb = to_gb18030("<!DOCTYPE html>\n<html><body><p>新增学位5000个</p></body></html>\n",
                          &gb_len);
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_from_bytes("/some/where/page.txt", gb, gb_len, &list, &err), 0);
    assert_int_equal(list.n, 1);
    assert_string_equal(list.items[0].name, "page.txt");
    assert_int_equal(list.items[0].format, ES_FORMAT_HTML);
    assert_int_equal(list.items[0].encoding, ES_ENC_GB18030);
    assert_string_equal(list.items[0].text, "新增学位5000个\n");
    es_source_list_free(&list);
    free(gb);
}

static void expect_read_error(const char *path, const char *reason_prefix)
{
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_read(path, &list, &err), -1);
    if (!starts_with(err.msg, reason_prefix))
        fail_msg("%s: expected '%s...', got '%s'", path, reason_prefix, err.msg);
    assert_int_equal(list.n, 0);
}

static void test_source_read_errors(void **state)
{
    (void)state;
    expect_read_error(FIXTURES "/bad/empty.txt", "empty file");
    expect_read_error(FIXTURES "/bad/binary.txt", "binary file");
    expect_read_error(FIXTURES "/bad/latin1.txt", "not UTF-8, UTF-16, GB18030 or Big5 text");
    expect_read_error(FIXTURES "/bad/does-not-exist.txt", "No such file or directory");
    expect_read_error(FIXTURES "/bad", "is a directory");
    expect_read_error(EDUSHELL_SHARED_DIR "/corpus/provinces-2026/run_manifest_2026.csv",
                      "CSV has no full_text column");
}

static void test_source_html_without_text(void **state)
{
    (void)state;
    const char page[] = "<html><script>var x = 1;</script></html>";
    es_source_list list = {0};
    es_err err = {{0}};
    assert_int_equal(es_source_from_bytes("empty.html", page, sizeof page - 1, &list, &err), -1);
    assert_string_equal(err.msg, "HTML page has no text");
    assert_int_equal(list.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_utf8_without_bom),
        cmocka_unit_test(test_decode_utf8_with_bom),
        cmocka_unit_test(test_decode_gb18030_literal_bytes),
        cmocka_unit_test(test_decode_gb18030_from_iconv),
        cmocka_unit_test(test_decode_empty),
        cmocka_unit_test(test_decode_binary),
        cmocka_unit_test(test_decode_at_every_offset),
        cmocka_unit_test(test_decode_tolerates_rare_controls),
        cmocka_unit_test(test_decode_invalid_in_both),
        cmocka_unit_test(test_decode_strict_utf8),
        cmocka_unit_test(test_decode_bom_then_invalid),
        cmocka_unit_test(test_decode_utf16_and_big5_fixtures),
        cmocka_unit_test(test_decode_utf16_errors),
        cmocka_unit_test(test_html_declared_charset),
        cmocka_unit_test(test_source_html_meta_charset),
        cmocka_unit_test(test_html_tables),
        cmocka_unit_test(test_html_drops_script_style_comments),
        cmocka_unit_test(test_html_entities),
        cmocka_unit_test(test_html_blocks_become_lines),
        cmocka_unit_test(test_html_collapses_blank_lines_and_trims),
        cmocka_unit_test(test_html_literal_angle_bracket),
        cmocka_unit_test(test_html_sniffing),
        cmocka_unit_test(test_csv_quotes_newlines_crlf),
        cmocka_unit_test(test_csv_unterminated_quote_names_line),
        cmocka_unit_test(test_csv_text_after_closing_quote),
        cmocka_unit_test(test_csv_callback_stops_parse),
        cmocka_unit_test(test_source_csv_rows_and_meta),
        cmocka_unit_test(test_source_csv_without_full_text),
        cmocka_unit_test(test_source_csv_partial_failure_appends_nothing),
        cmocka_unit_test(test_source_csv_field_count_mismatch),
        cmocka_unit_test(test_source_real_provincial_csv),
        cmocka_unit_test(test_source_plain_text_is_file_bytes),
        cmocka_unit_test(test_source_gbk_fixture),
        cmocka_unit_test(test_source_html_fixture),
        cmocka_unit_test(test_source_html_sniffed_and_gb18030),
        cmocka_unit_test(test_source_read_errors),
        cmocka_unit_test(test_source_html_without_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
