/* The one-pass word scan of the metadata heuristics: it finds what
 * looking for each word again and again with memmem finds, on texts made
 * to hold overlapping words, prefixes of one another and cut characters. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "../../core/document/word_scan.h"

static const char *const words[] = {
    "全市", "全市场", "市", "我县", "县教育局", "aa", "a", "\xE5", "局",
};
#define NWORDS (sizeof words / sizeof *words)

/* Words of Chinese characters alone: the window is longer than a block. */
static const char *const chinese[] = {"全市", "全市场", "我县", "县教育局", "教育局", "市场市"};
static const char *const some_chinese[] = {"局", "全市", "我县"};

/* Pieces the random texts are made of: the words, their parts, others. */
static const char *const pieces[] = {
    "全", "市", "场", "我", "县", "教育", "局", "a", "b", "，", "\xE5\x85", "\n",
};

/* Occurrences of word w as memmem finds them one after another. */
static size_t memmem_count(const char *text, size_t len, const char *w)
{
    size_t n = 0, wl = strlen(w), at = 0;
    const char *p;
    while (at < len && (p = memmem(text + at, len - at, w, wl)) != NULL) {
        n++;
        at = (size_t)(p - text) + wl;
    }
    return n;
}

/* How often each word occurs, as word_scan_next finds them. */
static void word_scan_count(const char *text, size_t len, const char *const *list, size_t n, size_t *counts)
{
    word_scan ws;
    word_scan_init(&ws, text, len, list, n);
    for (size_t i = 0; i < n; i++)
        counts[i] = 0;
    size_t at, which;
    while (word_scan_next(&ws, &at, &which))
        counts[which]++;
}

/* Random texts of the pieces, each scanned for the words. */
static void check_counts(const char *const *list, size_t n, unsigned seed)
{
    char text[400];
    for (int round = 0; round < 2000; round++) {
        size_t len = 0;
        while (len < sizeof text - 8) {
            seed = seed * 1103515245u + 12345u;
            const char *p = pieces[(seed >> 16) % (sizeof pieces / sizeof *pieces)];
            size_t k = strlen(p);
            memcpy(text + len, p, k);
            len += k;
            if ((seed >> 8) % 50 == 0)
                break;
        }
        size_t counts[WORD_SCAN_MAX];
        word_scan_count(text, len, list, n, counts);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(counts[i], memmem_count(text, len, list[i]));
    }
}

static void test_counts_match_memmem(void **state)
{
    (void)state;
    check_counts(words, NWORDS, 12345);
    check_counts(chinese, sizeof chinese / sizeof *chinese, 777);
    check_counts(some_chinese, sizeof some_chinese / sizeof *some_chinese, 4242);
}

/* Occurrences come by offset, then in the order of the words. */
static void test_order(void **state)
{
    (void)state;
    const char *text = "全市场市aaa";
    word_scan ws;
    word_scan_init(&ws, text, strlen(text), words, NWORDS);
    size_t at, which;
    const size_t expect[][2] = {
        {0, 0}, {0, 1}, {0, 7}, {3, 2}, {3, 7}, {6, 7}, {9, 2}, {9, 7}, {12, 5}, {12, 6}, {13, 6}, {14, 6},
    };
    for (size_t k = 0; k < sizeof expect / sizeof *expect; k++) {
        assert_true(word_scan_next(&ws, &at, &which));
        assert_int_equal(at, expect[k][0]);
        assert_int_equal(which, expect[k][1]);
    }
    assert_false(word_scan_next(&ws, &at, &which));
}

static void test_empty_text(void **state)
{
    (void)state;
    size_t counts[NWORDS];
    word_scan_count("", 0, words, NWORDS, counts);
    for (size_t i = 0; i < NWORDS; i++)
        assert_int_equal(counts[i], 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_match_memmem),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_empty_text),
    };
    return cmocka_run_group_tests_name("word_scan", tests, NULL, NULL);
}
