/* Reading JSON: values of every kind, escapes and surrogate pairs, and
 * refusal of what is not JSON, with the byte offset of the fault; and
 * strings written as JSON read back as they were. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "edushell/base/json.h"

static void parse_ok(const char *text, es_json *v)
{
    es_err err = {{0}};
    if (es_json_parse(text, strlen(text), v, &err) != 0)
        fail_msg("%s: %s", text, err.msg);
}

static void test_values(void **state)
{
    (void)state;
    es_json v;
    parse_ok(" {\"a\": [1, -2.5e3, true, false, null], \"b\": \"教师\", \"\": {}} ", &v);
    assert_int_equal(v.type, ES_JSON_OBJECT);
    const es_json *a = es_json_get(&v, "a");
    assert_non_null(a);
    assert_int_equal(a->n, 5);
    assert_true(a->items[1].number == -2500);
    assert_int_equal(a->items[2].boolean, 1);
    assert_int_equal(a->items[4].type, ES_JSON_NULL);
    assert_string_equal(es_json_get(&v, "b")->string, "教师");
    assert_int_equal(es_json_get(&v, "")->type, ES_JSON_OBJECT);
    assert_null(es_json_get(&v, "c"));
    es_json_free(&v);
}

static void test_escapes(void **state)
{
    (void)state;
    es_json v;
    parse_ok("\"a\\\"b\\\\c\\/\\n\\u6559\\ud83d\\ude00\\u0000x\"", &v);
    assert_int_equal(v.len, 16);
    assert_memory_equal(v.string, "a\"b\\c/\n教\xf0\x9f\x98\x80\0x", 16);
    es_json_free(&v);
}

/* Every byte below 0x80 (NUL, controls, quote, backslash) among text,
 * at the start, middle and end of a string, written and read back. */
static void test_written_strings_read_back(void **state)
{
    (void)state;
    char text[3 * 128 + 16];
    size_t n = 0, ends[2 * 128 + 1], nends = 0; /* where a string may end: between characters */
    ends[nends++] = 0;
    for (int c = 0; c < 128; c++) {
        text[n++] = (char)c;
        ends[nends++] = n;
        if (c % 3 == 0) {
            memcpy(text + n, "教", 3);
            n += 3;
            ends[nends++] = n;
        }
    }
    for (size_t e = 0; e < nends; e++) {
        size_t len = ends[e];
        es_buf b = {0};
        es_json_string(&b, text, len);
        es_json v;
        es_err err = {{0}};
        if (es_json_parse(b.data, b.len, &v, &err) != 0)
            fail_msg("%zu bytes: %s", len, err.msg);
        assert_int_equal(v.type, ES_JSON_STRING);
        assert_int_equal(v.len, len);
        assert_memory_equal(v.string, text, len);
        es_json_free(&v);
        es_buf_free(&b);
    }
}

static void test_refusals(void **state)
{
    (void)state;
    static const struct { const char *text, *why; } bad[] = {
        {"", "unexpected end"}, {"{\"a\" 1}", "':' expected"}, {"[1 2]", "',' or ']' expected"},
        {"\"abc", "unterminated string"}, {"\"a\tb\"", "control character"}, {"\"\\ud800\"", "lone high surrogate"},
        {"\"\\x\"", "bad escape"}, {"\"\xff\"", "not UTF-8"}, {"[1] 2", "text after the value"},
        {"tru", "unexpected character"}, {"{1: 2}", "a key expected"},
        {"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "nested too deeply"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        es_json v;
        es_err err = {{0}};
        assert_int_equal(es_json_parse(bad[i].text, strlen(bad[i].text), &v, &err), -1);
        if (!strstr(err.msg, bad[i].why) || !strstr(err.msg, "JSON at byte"))
            fail_msg("%s: %s", bad[i].text, err.msg);
        assert_int_equal(v.type, ES_JSON_NULL);
        assert_int_equal(v.n, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_written_strings_read_back),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
