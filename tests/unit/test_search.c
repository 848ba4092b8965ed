/* The search index answers exactly what a scan answers. The provincial
 * reports are loaded through the pipeline into a store; then, for many
 * queries (random substrings of 1..8 characters of the stored sentences,
 * around digits and Latin letters with their case flipped, strings found
 * nowhere, fixed words, input meant to break a naive translation, random
 * pieces), the sentences edu_sentence_search(q) gives that pass
 * edu_span_contains(doc_id, start, end, q) (as edu.search asks) must be
 * exactly those containing every word of q, found by scanning every
 * sentence; the search alone must find all of them, and nothing more when
 * edu_bigram_exact(q) says so. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "edushell/store/store.h"
/* The store's own splitting of a query into words, so that the scan
 * below asks for the same words the index is asked for. */
#include "../../core/store/fts_bigram.h"
/* The search file's check of itself, and its terms. */
#include "../../core/store/search_index.h"
#include "../../core/store/search_terms.h"

typedef struct sentence {
    sqlite3_int64 id;
    char *folded;   /* ASCII letters in lower case */
    size_t len;
} sentence;

typedef struct ids {
    sqlite3_int64 *v;
    size_t n, cap;
} ids;

typedef struct fixture {
    char dir[64];
    es_store *store;
    sentence *sentences;
    size_t nsentences;
    sqlite3_stmt *translate, *match, *match_exact;
    uint64_t rng;
    long checked, nonempty;
} fixture;

static void ids_push(ids *l, sqlite3_int64 v)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 256;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n++] = v;
}

static void fold(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char)(s[i] + ('a' - 'A'));
}

/* xorshift64*: deterministic, so a failure can be run again. */
static unsigned below(fixture *f, unsigned n)
{
    f->rng ^= f->rng >> 12;
    f->rng ^= f->rng << 25;
    f->rng ^= f->rng >> 27;
    return (unsigned)((f->rng * 2685821657736338717ULL) >> 33) % n;
}

static void load_corpus(fixture *f)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus/provinces-2026", EDUSHELL_SHARED_DIR);
    DIR *d = opendir(dir);
    assert_non_null(d);
    char *paths[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 64)
        if (strstr(e->d_name, "_政府工作报告.csv")) {
            paths[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
            sprintf(paths[n++], "%s/%s", dir, e->d_name);
        }
    closedir(d);
    assert_int_equal(n, 31);
    es_pipeline pipe;
    es_err err = {{0}};
    assert_int_equal(es_pipeline_open(&pipe, EDUSHELL_SOURCE_DATA, &err), 0);
    es_sink sink = es_store_sink(f->store);
    es_ingest_options opt = {.batch_bytes = 256 << 10}; /* several batches */
    es_ingest_totals t;
    assert_int_equal(es_ingest_run(&pipe, &sink, (const char *const *)paths, n, &opt, NULL, &t), 0);
    assert_int_equal(t.added, 31);
    /* The search file is written behind the rows, on its own thread. */
    assert_int_equal(es_store_searchable(f->store, &err), 0);
    es_pipeline_close(&pipe);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
}

static void read_sentences(fixture *f)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(es_store_db(f->store), "SELECT id, text FROM sentences ORDER BY id",
                                        -1, &st, NULL), SQLITE_OK);
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (f->nsentences == cap) {
            cap = cap ? 2 * cap : 1024;
            f->sentences = realloc(f->sentences, cap * sizeof *f->sentences);
        }
        sentence *s = &f->sentences[f->nsentences++];
        s->id = sqlite3_column_int64(st, 0);
        s->len = (size_t)sqlite3_column_bytes(st, 1);
        s->folded = malloc(s->len + 1);
        memcpy(s->folded, sqlite3_column_text(st, 1), s->len + 1);
        fold(s->folded, s->len);
    }
    sqlite3_finalize(st);
    assert_true(f->nsentences > 10000);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/edushell-search-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char path[128];
    snprintf(path, sizeof path, "%s/t.db", f->dir);
    es_err err = {{0}};
    f->store = es_store_open(path, &err);
    assert_non_null(f->store);
    load_corpus(f);
    read_sentences(f);
    sqlite3 *db = es_store_db(f->store);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT edu_bigram_query(?1), edu_bigram_exact(?1)", -1,
                                        &f->translate, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM edu_sentence_search(?1) ORDER BY id", -1, &f->match, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT f.id FROM edu_sentence_search(?1) f JOIN sentences s ON s.id = f.id"
                                            " WHERE edu_span_contains(s.doc_id, s.start, s.end, ?2) ORDER BY f.id",
                                        -1, &f->match_exact, NULL), SQLITE_OK);
    f->rng = 20260101;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    sqlite3_finalize(f->translate);
    sqlite3_finalize(f->match);
    sqlite3_finalize(f->match_exact);
    es_store_close(f->store);
    for (size_t i = 0; i < f->nsentences; i++)
        free(f->sentences[i].folded);
    free(f->sentences);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (len == 0 || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* The words of q: its runs between separators, as the store splits them. */
static size_t words_of(const char *q, char words[][128], size_t max)
{
    size_t n = 0;
    int pos = 0, start, end, nchar;
    while (n < max && es_bigram_next_term((const unsigned char *)q, (int)strlen(q), &pos, &start, &end, &nchar)) {
        size_t len = (size_t)(end - start) < 127 ? (size_t)(end - start) : 127;
        memcpy(words[n], q + start, len);
        words[n++][len] = '\0';
    }
    return n;
}

/* Sentences containing every word, by scanning them all. A word that is
 * not valid UTF-8 is in no sentence: they all are, and a search is by
 * characters, not by bytes inside one. */
static void scan(fixture *f, char words[][128], size_t nwords, ids *out)
{
    for (size_t w = 0; w < nwords; w++) {
        fold(words[w], strlen(words[w]));
        if (!valid_utf8((const unsigned char *)words[w], strlen(words[w])))
            return;
    }
    for (size_t i = 0; i < f->nsentences; i++) {
        size_t w = 0;
        while (w < nwords && memmem(f->sentences[i].folded, f->sentences[i].len, words[w], strlen(words[w])))
            w++;
        if (w == nwords)
            ids_push(out, f->sentences[i].id);
    }
}

/* The ids a statement gives for q (?1, and ?2 when it has one). */
static void run_match(fixture *f, sqlite3_stmt *st, const char *expr, const char *q, ids *out)
{
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    if (sqlite3_bind_parameter_count(st) > 1)
        sqlite3_bind_text(st, 2, q, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ids_push(out, sqlite3_column_int64(st, 0));
    if (rc != SQLITE_DONE)
        fail_msg("'%s' (%s): %s", q, expr, sqlite3_errmsg(es_store_db(f->store)));
    sqlite3_reset(st);
}

static int same(const ids *a, const ids *b)
{
    return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

/* Whether every id of sub is in super (both ascending). */
static int within(const ids *sub, const ids *super)
{
    size_t j = 0;
    for (size_t i = 0; i < sub->n; i++) {
        while (j < super->n && super->v[j] < sub->v[i])
            j++;
        if (j == super->n || super->v[j] != sub->v[i])
            return 0;
    }
    return 1;
}

static void check(fixture *f, const char *q)
{
    sqlite3_bind_text(f->translate, 1, q, -1, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(f->translate), SQLITE_ROW);
    const char *expr = (const char *)sqlite3_column_text(f->translate, 0);
    int exact = sqlite3_column_int(f->translate, 1);
    char words[16][128];
    size_t nwords = words_of(q, words, 16);
    if ((expr != NULL) != (nwords > 0))
        fail_msg("'%s' has %zu words but its translation is %s", q, nwords, expr ? expr : "none");
    ids got = {0}, candidates = {0}, want = {0};
    if (expr) {
        scan(f, words, nwords, &want);
        run_match(f, f->match, expr, q, &candidates);
        run_match(f, f->match_exact, expr, q, &got);
        if (!within(&want, &candidates))
            fail_msg("'%s' (%s): the index misses sentences holding it", q, expr);
        if (exact && !same(&candidates, &want))
            fail_msg("'%s' (%s) is said exact, but the index finds %zu sentences, a scan %zu", q, expr,
                     candidates.n, want.n);
    }
    if (!same(&got, &want))
        fail_msg("'%s' (%s): the index finds %zu sentences, a scan %zu", q, expr ? expr : "no words",
                 got.n, want.n);
    sqlite3_reset(f->translate);
    f->checked++;
    f->nonempty += want.n > 0;
    free(got.v);
    free(candidates.v);
    free(want.v);
}

/* Characters [from, from + n) of sentence s, into buf. */
static void substring(const sentence *s, size_t from, size_t n, char *buf, size_t cap)
{
    size_t i = 0, c = 0, len = 0;
    while (i < s->len && c < from + n) {
        size_t l = 1;
        while (i + l < s->len && ((unsigned char)s->folded[i + l] & 0xC0) == 0x80)
            l++;
        if (c >= from && len + l < cap) {
            memcpy(buf + len, s->folded + i, l);
            len += l;
        }
        i += l;
        c++;
    }
    buf[len] = '\0';
}

static size_t chars(const sentence *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++)
        n += ((unsigned char)s->folded[i] & 0xC0) != 0x80;
    return n;
}

static void test_random_substrings(void **state)
{
    fixture *f = *state;
    char q[64];
    for (int k = 0; k < 2000; k++) {
        const sentence *s = &f->sentences[below(f, (unsigned)f->nsentences)];
        substring(s, below(f, (unsigned)chars(s)), 1 + below(f, 8), q, sizeof q);
        if (*q)
            check(f, q);
    }
    /* Most random substrings occur: the test compares real answers. */
    assert_true(f->nonempty > f->checked * 9 / 10);
}

/* Around a digit or Latin letter (2026年, GDP增长, 5.2%), and the same
 * with the case of the letters flipped. */
static void test_digits_and_latin(void **state)
{
    fixture *f = *state;
    char q[64];
    for (int k = 0, done = 0; done < 500 && k < 100000; k++) {
        const sentence *s = &f->sentences[below(f, (unsigned)f->nsentences)];
        size_t at = 0, seen = 0, c = 0;
        for (size_t i = 0; i < s->len; i++) {
            unsigned char ch = (unsigned char)s->folded[i];
            if ((ch & 0xC0) == 0x80)
                continue;
            if (((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z')) && below(f, (unsigned)++seen) == 0)
                at = c;
            c++;
        }
        if (!seen)
            continue;
        substring(s, at > 3 ? at - below(f, 4) : at, 1 + below(f, 8), q, sizeof q);
        check(f, q);
        for (char *p = q; *p; p++)
            if (*p >= 'a' && *p <= 'z' && below(f, 2))
                *p = (char)(*p - ('a' - 'A'));
        check(f, q);
        done++;
    }
}

/* Strings of two to five characters picked all over the corpus: most are
 * found nowhere. */
static void test_strings_found_nowhere(void **state)
{
    fixture *f = *state;
    long before = f->nonempty;
    for (int k = 0; k < 300; k++) {
        char q[64] = "", one[16];
        int n = 2 + (int)below(f, 4);
        for (int c = 0; c < n; c++) {
            const sentence *s = &f->sentences[below(f, (unsigned)f->nsentences)];
            substring(s, below(f, (unsigned)chars(s)), 1, one, sizeof one);
            strcat(q, one);
        }
        check(f, q);
    }
    assert_true(f->nonempty - before < 150);
}

static void test_words_and_hostile_input(void **state)
{
    fixture *f = *state;
    static const char *const queries[] = {
        "教师", "教育", "学校", "学生", "增长", "发展", "就业", "教", "师", "育", "年", "2026年", "GDP增长",
        "026年", "GDP", "gdp", "Gdp", "5%", "5.2%", "2025", "0", "%", "义务教育", "职业教育", "人工智能",
        "教师队伍建设", "高质量发展", "双一流", "AI", "一流大学", "托育", "幼儿园", "乡村振兴", "粤港澳大湾区",
        "量子纠缠猫", "xyzzy", "教师教师教师", "育教师", "2099年", "龘", "𠀀", "教𠀀", "师教",
        "\"", "\"\"", "教\"师", "\"教师\"", "AND", "OR", "NOT", "NEAR", "教师 AND", "教师 OR 学生",
        "NEAR(教师 学生)", "教师*", "*", "^教师", "text:教师", "{text}:教师", "-教师", "+", "教师-学生",
        "(", ")", "教(师", "a:b", "'", "\\", "_", "教师%", "x\x01y", "\xff\xfe", "\xe6\x95", "教\xe5",
        "\xc0\xaf", "\xed\xa0\x80", "\xe3\x80\x80教师\xe3\x80\x80", " ", "，。", "教师，学生", "教师 学生",
        "《教育法》", "“双减”", "NOT学生", "*教*", "教\n师", "g\"d\"p",
    };
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
        check(f, queries[i]);
}

static void test_random_pieces(void **state)
{
    fixture *f = *state;
    static const char *const pieces[] = {
        "教", "师", "育", "A", "b", "0", "9", " ", "，", "。", "\"", "*", "(", ")", ":", "^", "-", "+",
        "\xff", "\xe6", "\xe6\x95", "\x80", "\xf0\x9f\x98\x80", "　", "\t", "AND", "OR", "NEAR", "%", ".", "'",
    };
    for (int k = 0; k < 400; k++) {
        char q[128] = "";
        int n = 1 + (int)below(f, 8);
        for (int p = 0; p < n; p++)
            strcat(q, pieces[below(f, sizeof pieces / sizeof pieces[0])]);
        check(f, q);
    }
}

/* The (term, sentence) pairs of every sentence's text, each once. */
static sqlite3_int64 pairs_of_sentences(const fixture *f)
{
    es_term_keys keys = {0};
    sqlite3_int64 pairs = 0;
    for (size_t i = 0; i < f->nsentences; i++) {
        es_term_keys_clear(&keys);
        es_term_keys_add(&keys, (const unsigned char *)f->sentences[i].folded, (int)f->sentences[i].len, 0);
        es_term_keys_sort(&keys);
        for (size_t k = 0; k < keys.n; k++)
            pairs += k == 0 || es_key_term(keys.keys[k]) != es_key_term(keys.keys[k - 1]);
    }
    es_term_keys_free(&keys);
    return pairs;
}

/* The index of metric phrases passes FTS5's own check; the search file
 * passes its own, and lists each term of each sentence once: the view
 * says the index answers alone up to the last sentence. */
static void test_index_is_whole(void **state)
{
    fixture *f = *state;
    assert_int_equal(sqlite3_exec(es_store_db(f->store),
        "INSERT INTO metric_phrases_fts(metric_phrases_fts, rank) VALUES ('integrity-check', 1)",
        NULL, NULL, NULL), SQLITE_OK);
    es_err err = {{0}};
    sqlite3_int64 pairs = -1;
    if (es_search_verify(es_store_db(f->store), "search", &pairs, &err) != 0)
        fail_msg("%s", err.msg);
    assert_int_equal(pairs, pairs_of_sentences(f));
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(es_store_db(f->store),
        "SELECT (SELECT id FROM search_through), (SELECT max(id) FROM sentence_spans)", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_true(sqlite3_column_int64(st, 1) > 10000);
    assert_int_equal(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
}

/* The check reads spans of stored documents only, and says why not. */
static void test_span_check_refuses_what_is_no_span(void **state)
{
    fixture *f = *state;
    sqlite3 *db = es_store_db(f->store);
    static const struct { const char *sql, *why; } cases[] = {
        {"SELECT edu_span_contains(1, 5, 2, '教')", "not a span"},
        {"SELECT edu_span_contains(1, 0, 3000000000, '教')", "not a span"},
        {"SELECT edu_span_contains(1, 0, length(CAST(text AS BLOB)) + 1, '教') FROM documents WHERE id = 1",
         "past the document's end"},
        {"SELECT edu_span_contains(999999999, 0, 3, '教')", "no such rowid"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *msg = NULL;
        assert_int_not_equal(sqlite3_exec(db, cases[i].sql, NULL, NULL, &msg), SQLITE_OK);
        if (!msg || !strstr(msg, cases[i].why))
            fail_msg("%s: %s", cases[i].sql, msg ? msg : "no message");
        sqlite3_free(msg);
    }
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT edu_span_contains(doc_id, start, end, '\xe6\x95'),"
                                            " edu_span_contains(doc_id, start, end, NULL) FROM sentence_spans"
                                            " LIMIT 1", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0); /* half a character is in no text */
    assert_int_equal(sqlite3_column_type(st, 1), SQLITE_NULL);
    sqlite3_finalize(st);
}

/* The tokens a text gives: each run's overlapping pairs and its last
 * character, Latin letters folded; separators end runs; an invalid byte is
 * a character of its own. */
static void test_tokens_of_a_text(void **state)
{
    (void)state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(es_bigram_register(db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='edu_bigram', detail=none);"
                                      "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');"
                                      "INSERT INTO t VALUES ('教师,GDP增长 2026年。a（x）\xe6\x95');",
                                      NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT group_concat(term, '|') FROM (SELECT term FROM v ORDER BY term)",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0),
                        "02|20|26|6年|a|dp|gd|p增|x|\x95|增长|师|年|\xe6\x95|教师|长");
    sqlite3_finalize(st);
    /* The search file's terms of the same text are these tokens'. */
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT term FROM v ORDER BY term", -1, &st, NULL), SQLITE_OK);
    es_term want[32];
    size_t nwant = 0;
    while (sqlite3_step(st) == SQLITE_ROW && nwant < 32) {
        const unsigned char *tok = sqlite3_column_text(st, 0);
        int n = sqlite3_column_bytes(st, 0);
        unsigned first, second = 0;
        int a = es_bigram_decode(tok, n, &first);
        if (a < n)
            es_bigram_decode(tok + a, n - a, &second);
        want[nwant++] = ES_TERM_OF(first, second);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    es_term_keys keys = {0};
    static const char text[] = "教师,GDP增长 2026年。a（x）\xe6\x95";
    es_term_keys_add(&keys, (const unsigned char *)text, (int)strlen(text), 7);
    es_term_keys_sort(&keys);
    size_t ngot = 0;
    for (size_t k = 0; k < keys.n; k++) {
        assert_int_equal(es_key_place(keys.keys[k]), 7);
        if (k > 0 && es_key_term(keys.keys[k]) == es_key_term(keys.keys[k - 1]))
            continue;
        assert_true(ngot < nwant);
        /* FTS5 orders its terms by bytes, the index by code points: look
         * each up. */
        size_t w = 0;
        while (w < nwant && want[w] != es_key_term(keys.keys[k]))
            w++;
        if (w == nwant)
            fail_msg("term %llx is no token of the text", (unsigned long long)es_key_term(keys.keys[k]));
        ngot++;
    }
    assert_int_equal(ngot, nwant);
    es_term_keys_free(&keys);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_substrings),
        cmocka_unit_test(test_digits_and_latin),
        cmocka_unit_test(test_strings_found_nowhere),
        cmocka_unit_test(test_words_and_hostile_input),
        cmocka_unit_test(test_random_pieces),
        cmocka_unit_test(test_index_is_whole),
        cmocka_unit_test(test_span_check_refuses_what_is_no_span),
        cmocka_unit_test(test_tokens_of_a_text),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
