/* The store: schema, one transaction per document, unchanged and replaced
 * documents, refusal of files that are not SQLite. Documents are built by
 * hand so the test needs no extractor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "edushell/base/sha256.h"
#include "edushell/store/store.h"
/* The search file's check of itself; the log's checkpointer. */
#include "../../core/store/checkpoint.h"
#include "../../core/store/search_index.h"

/* A document built by hand, with the parts it points to. */
typedef struct test_doc {
    es_source src;
    es_document doc;
    es_sentence sentences[2];
    es_indicator inds[2];
} test_doc;

typedef struct fixture {
    char dir[64];
    char db_path[128];
    es_store *store;
    test_doc d;
} fixture;

static const char TEXT[] = "新增幼儿园57所。普惠性幼儿园覆盖率达92.81%。";

/* Builds the two-sentence document `text` (shaped like TEXT) under `key`:
 * documents are found by their key, any stable name. */
static void build_doc(test_doc *d, const char *key, const char *text)
{
    d->src = (es_source){.path = (char *)key, .name = "doc.txt", .text = (char *)text,
                         .len = strlen(text), .format = ES_FORMAT_TEXT};
    size_t cut = strstr(text, "。") - text + 3;
    d->sentences[0] = (es_sentence){0, cut, -1, 0};
    d->sentences[1] = (es_sentence){cut, d->src.len, -1, 0};
    /* the count right after 幼儿园 (3 bytes), then the percentage */
    const char *n1 = strstr(text, "园") + 3, *n2 = strstr(text, "92.81%");
    d->inds[0] = (es_indicator){.start = (size_t)(n1 - text), .end = (size_t)(n1 - text) + 5,
                                .sentence = 0, .value = 57, .kind = ES_IND_ACTUAL,
                                .cmp = "=", .unit = "所", .metric = "新增幼儿园"};
    d->inds[1] = (es_indicator){.start = (size_t)(n2 - text), .end = (size_t)(n2 - text) + 6,
                                .sentence = 1, .value = 92.81, .kind = ES_IND_ACTUAL,
                                .cmp = "=", .unit = "%", .metric = "普惠性幼儿园覆盖率",
                                .metric_id = "kg_puhui_coverage"};
    memset(&d->doc, 0, sizeof d->doc);
    d->doc.src = &d->src;
    d->doc.key = (char *)key;
    es_sha256_hex(text, strlen(text), d->doc.sha256);
    d->doc.meta = (es_meta){.region = "无锡市", .kind = "summary", .year = 2021};
    d->doc.structure = (es_structure){.sentences = d->sentences, .nsentences = 2};
    d->doc.indicators = (es_indicator_list){.items = d->inds, .n = 2, .cap = 2};
}

static void build_document(fixture *f, const char *text) { build_doc(&f->d, f->db_path, text); }

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/edushell-store-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
    es_err err = {{0}};
    f->store = es_store_open(f->db_path, &err);
    assert_non_null(f->store);
    build_document(f, TEXT);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    es_store_close(f->store);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static long long count(es_store *s, const char *table)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(es_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Sentences the search index finds holding the word, as edu.search asks,
 * once the indexer has caught up with what was committed. */
static long long found(es_store *s, const char *word)
{
    es_err err = {{0}};
    assert_int_equal(es_store_searchable(s, &err), 0);
    assert_int_equal(count(s, "search_through WHERE id = (SELECT max(id) FROM sentence_spans)"), 1);
    char table[512];
    snprintf(table, sizeof table,
             "edu_sentence_search('%s') f JOIN sentences t ON t.id = f.id WHERE edu_bigram_contains(t.text, '%s')",
             word, word);
    return count(s, table);
}

static void test_put_stores_all_parts(void **state)
{
    fixture *f = *state;
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), 0);
    assert_int_equal(r, ES_PUT_ADDED);
    assert_int_equal(count(f->store, "documents"), 1);
    assert_int_equal(count(f->store, "sentences"), 2);
    assert_int_equal(count(f->store, "indicators"), 2);
    /* The number column holds the exact bytes of the span. */
    sqlite3_stmt *st;
    sqlite3_prepare_v2(es_store_db(f->store), "SELECT number FROM indicators ORDER BY start", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "57所");
    sqlite3_finalize(st);
    /* The search index finds Chinese substrings. */
    assert_int_equal(found(f->store, "幼儿园覆盖"), 1);
}

static void test_same_bytes_change_nothing(void **state)
{
    fixture *f = *state;
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), 0);
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), 0);
    assert_int_equal(r, ES_PUT_UNCHANGED);
    assert_int_equal(count(f->store, "documents"), 1);
    assert_int_equal(count(f->store, "indicators"), 2);
    assert_true(es_store_has(f->store, f->d.doc.key, f->d.doc.sha256));
    assert_false(es_store_has(f->store, f->d.doc.key, "0000"));
}

static void test_changed_bytes_replace_rows(void **state)
{
    fixture *f = *state;
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), 0);
    build_document(f, "新增幼儿园58所。普惠性幼儿园覆盖率达92.81%。");
    f->d.doc.indicators.n = 1;
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), 0);
    assert_int_equal(r, ES_PUT_REPLACED);
    assert_int_equal(count(f->store, "documents"), 1);
    assert_int_equal(count(f->store, "indicators"), 1);
    assert_int_equal(count(f->store, "sentences"), 2);
    assert_int_equal(found(f->store, "幼儿园57"), 0);
}

/* A failure in the middle of a document leaves nothing of it behind. */
static void test_failed_put_leaves_nothing(void **state)
{
    fixture *f = *state;
    assert_int_equal(sqlite3_exec(es_store_db(f->store),
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON indicators WHEN new.value > 90"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END", NULL, NULL, NULL), SQLITE_OK);
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), -1);
    assert_non_null(strstr(err.msg, "refused"));
    assert_int_equal(count(f->store, "documents"), 0);
    assert_int_equal(count(f->store, "sentences"), 0);
    assert_int_equal(count(f->store, "indicators"), 0);
}

static long long count_in(const char *db_path, const char *table)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* A document with a figure over 900 then fails part-way: its document
 * row and first figure are written before the trigger refuses it. */
static void refuse_values_over_900(es_store *s)
{
    assert_int_equal(sqlite3_exec(es_store_db(s),
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON indicators WHEN new.value > 900"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END", NULL, NULL, NULL), SQLITE_OK);
}

/* Every indicator names, by phrase_id, a stored phrase that is its own
 * metric (a batch rolled back and written again must not keep ids of
 * phrases it lost), FTS5's own check passes on the phrases' index, and
 * the counts by canonical metric are those of the figures stored. */
static void metric_index_is_whole(es_store *s)
{
    assert_int_equal(count(s, "indicators i LEFT JOIN metric_phrases p ON p.id = i.phrase_id"
                              " WHERE p.phrase IS NOT i.metric"), 0);
    assert_int_equal(count(s, "(SELECT phrase FROM metric_phrases GROUP BY phrase HAVING count(*) > 1)"), 0);
    /* The figures counted by canonical metric are those stored. */
    assert_int_equal(count(s, "(SELECT metric_id, count(*) AS n FROM indicators WHERE metric_id IS NOT NULL"
                              " GROUP BY metric_id) g LEFT JOIN metric_counts c USING (metric_id) WHERE c.n IS NOT g.n"),
                     0);
    assert_int_equal(count(s, "metric_counts c WHERE c.n <> (SELECT count(*) FROM indicators i"
                              " WHERE i.metric_id = c.metric_id)"), 0);
    assert_int_equal(sqlite3_exec(es_store_db(s),
        "INSERT INTO metric_phrases_fts(metric_phrases_fts, rank) VALUES ('integrity-check', 1)", NULL, NULL, NULL),
        SQLITE_OK);
}

/* A batch: documents added are invisible to other connections until the
 * commit; one that fails leaves the others of its batch in place; the
 * index finds every committed sentence. */
static void test_batch_commits_all_but_the_failed(void **state)
{
    fixture *f = *state;
    test_doc a, b, c;
    char ka[160], kb[160], kc[160];
    snprintf(ka, sizeof ka, "%s/a", f->dir);
    snprintf(kb, sizeof kb, "%s/b", f->dir);
    snprintf(kc, sizeof kc, "%s/c", f->dir);
    build_doc(&a, ka, "新增幼儿园57所。普惠性幼儿园覆盖率达92.81%。");
    build_doc(&b, kb, "新增幼儿园58所。普惠性幼儿园覆盖率达92.81%。");
    build_doc(&c, kc, "新增幼儿园59所。普惠性幼儿园覆盖率达92.81%。");
    b.inds[1].value = 999; /* refused by the trigger below */
    refuse_values_over_900(f->store);
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_add(f->store, &a.doc, &r, &err), 0);
    assert_int_equal(es_store_add(f->store, &b.doc, &r, &err), -1);
    assert_non_null(strstr(err.msg, "refused"));
    assert_int_equal(es_store_add(f->store, &c.doc, &r, &err), 0);
    assert_int_equal(r, ES_PUT_ADDED);
    assert_int_equal(count_in(f->db_path, "documents"), 0);
    assert_int_equal(es_store_commit(f->store, &err), 0);
    assert_int_equal(count_in(f->db_path, "documents"), 2);
    assert_int_equal(count_in(f->db_path, "indicators"), 4);
    assert_int_equal(count_in(f->db_path, "sentences"), 4);
    assert_int_equal(count(f->store, "documents WHERE path LIKE '%/b'"), 0);
    assert_int_equal(found(f->store, "幼儿园58"), 0);
    assert_int_equal(found(f->store, "幼儿园59"), 1);
    assert_int_equal(found(f->store, "覆盖率"), 2);
    /* Nothing in flight: a commit does nothing. */
    assert_int_equal(es_store_commit(f->store, &err), 0);
}

/* Replacing, in one batch, a document stored in that same batch: the
 * index holds the new sentences only. */
static void test_batch_replaces_its_own_document(void **state)
{
    fixture *f = *state;
    test_doc a, a2;
    build_doc(&a, f->db_path, "新增幼儿园57所。普惠性幼儿园覆盖率达92.81%。");
    build_doc(&a2, f->db_path, "新增幼儿园58所。普惠性幼儿园覆盖率达92.81%。");
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_add(f->store, &a.doc, &r, &err), 0);
    assert_int_equal(es_store_add(f->store, &a2.doc, &r, &err), 0);
    assert_int_equal(r, ES_PUT_REPLACED);
    assert_int_equal(es_store_commit(f->store, &err), 0);
    assert_int_equal(count(f->store, "documents"), 1);
    assert_int_equal(found(f->store, "幼儿园57"), 0);
    assert_int_equal(found(f->store, "幼儿园58"), 1);
    assert_int_equal(found(f->store, "覆盖率"), 1);
    /* The replaced sentence is out of the index itself, not only out of
     * the sentences it is joined with. */
    assert_int_equal(count(f->store, "edu_sentence_search('幼儿园57')"), 0);
    if (es_search_verify(es_store_db(f->store), "search", NULL, &err) != 0)
        fail_msg("%s", err.msg);
}

/* A search file damaged on disk: a search says so, the check names the
 * chunk, and nothing reads past the bytes of a block. */
static void test_damaged_search_file(void **state)
{
    fixture *f = *state;
    test_doc a;
    build_doc(&a, f->db_path, "新增幼儿园57所。普惠性幼儿园覆盖率达92.81%。");
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_put(f->store, &a.doc, &r, &err), 0);
    assert_int_equal(found(f->store, "幼儿园"), 2);
    sqlite3 *search = es_search_open_writer(es_store_path(f->store), &err);
    assert_non_null(search);
    /* Every block's bytes cut to one byte that says more follow. */
    assert_int_equal(sqlite3_exec(search, "UPDATE postings SET data = x'ff'", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(search);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(es_store_db(f->store), "SELECT count(*) FROM edu_sentence_search('幼儿园')", -1,
                                        &st, NULL), SQLITE_OK);
    int rc = sqlite3_step(st);
    assert_true(rc != SQLITE_ROW && rc != SQLITE_DONE);
    assert_non_null(strstr(sqlite3_errmsg(es_store_db(f->store)), "damaged"));
    sqlite3_finalize(st);
    assert_int_equal(es_search_verify(es_store_db(f->store), "search", NULL, &err), -1);
    assert_non_null(strstr(err.msg, "damaged"));
}

/* A document that fails part-way in a batch holding a replacement and a
 * document stored before it: the batch is rolled back and written again,
 * so the others are stored as they were (the replacement, not what it
 * replaced) and both indexes hold exactly the committed rows. */
static void test_failure_after_a_replacement_in_the_batch(void **state)
{
    fixture *f = *state;
    test_doc a, a2, b, c;
    char ka[160], kb[160], kc[160];
    snprintf(ka, sizeof ka, "%s/a", f->dir);
    snprintf(kb, sizeof kb, "%s/b", f->dir);
    snprintf(kc, sizeof kc, "%s/c", f->dir);
    build_doc(&a, ka, "新增幼儿园57所。普惠性幼儿园覆盖率达92.81%。");
    build_doc(&a2, ka, "新增幼儿园58所。普惠性幼儿园覆盖率达92.81%。");
    build_doc(&b, kb, "新增幼儿园70所。专任教师幼儿园覆盖率达92.81%。");
    build_doc(&c, kc, "新增幼儿园59所。普惠性幼儿园覆盖率达92.81%。");
    b.inds[1].value = 999;
    refuse_values_over_900(f->store);
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_add(f->store, &c.doc, &r, &err), 0);
    assert_int_equal(es_store_add(f->store, &a.doc, &r, &err), 0);
    assert_int_equal(es_store_add(f->store, &a2.doc, &r, &err), 0);
    assert_int_equal(r, ES_PUT_REPLACED);
    assert_int_equal(es_store_add(f->store, &b.doc, &r, &err), -1);
    assert_non_null(strstr(err.msg, "refused"));
    assert_int_equal(es_store_commit(f->store, &err), 0);
    assert_int_equal(count(f->store, "documents"), 2);
    assert_int_equal(count(f->store, "indicators"), 4);
    assert_int_equal(found(f->store, "幼儿园57"), 0);
    assert_int_equal(found(f->store, "幼儿园58"), 1);
    assert_int_equal(found(f->store, "幼儿园59"), 1);
    assert_int_equal(found(f->store, "专任教师"), 0);
    assert_int_equal(count(f->store, "indicators WHERE phrase_id IN (SELECT rowid FROM metric_phrases_fts"
                                    " WHERE metric_phrases_fts MATCH edu_bigram_query('覆盖率'))"), 2);
    metric_index_is_whole(f->store);

    /* The replacement itself failing: the stored document stays, indexed. */
    build_doc(&a2, ka, "新增幼儿园60所。普惠性幼儿园覆盖率达92.81%。");
    a2.inds[1].value = 999;
    assert_int_equal(es_store_add(f->store, &a2.doc, &r, &err), -1);
    assert_int_equal(es_store_commit(f->store, &err), 0);
    assert_int_equal(found(f->store, "幼儿园58"), 1);
    assert_int_equal(found(f->store, "幼儿园60"), 0);
    assert_int_equal(count(f->store, "indicators WHERE phrase_id IN (SELECT rowid FROM metric_phrases_fts"
                                    " WHERE metric_phrases_fts MATCH edu_bigram_query('覆盖率'))"), 2);
    metric_index_is_whole(f->store);
}

static void test_refuses_non_sqlite_file(void **state)
{
    fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/not.db", f->dir);
    FILE *fp = fopen(path, "w");
    fputs("plain text, not a database\n", fp);
    fclose(fp);
    es_err err = {{0}};
    assert_null(es_store_open(path, &err));
    assert_string_equal(err.msg, "not an SQLite database");
}

/* One text column of the first row of a query, "" for NULL. */
static void expect_row(es_store *s, const char *sql, const char *want)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(es_store_db(s), sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *got = (const char *)sqlite3_column_text(st, 0);
    assert_string_equal(got ? got : "", want);
    sqlite3_finalize(st);
}

/* The period, basis, subject and table provenance of a figure are stored;
 * a figure with none covers its year alone. */
static void test_figure_periods_and_cells(void **state)
{
    fixture *f = *state;
    es_indicator *ind = &f->d.inds[1];
    ind->period_start = 2021;
    ind->period_end = 2025;
    ind->basis = ES_BASIS_CUMULATIVE;
    ind->subject = "城区";
    ind->table = 2;
    ind->row = 3;
    ind->col = 1;
    ind->sheet = "表2";
    ind->page = 4;
    es_put_result r;
    es_err err = {{0}};
    assert_int_equal(es_store_put(f->store, &f->d.doc, &r, &err), 0);
    expect_row(f->store,
               "SELECT printf('%d %d %s %s %d %d %d %s %d', period_start, period_end, basis, subject, table_seq,"
               " cell_row, cell_col, sheet, page) FROM indicator_rows WHERE number = '92.81%'",
               "2021 2025 cumulative 城区 1 3 1 表2 4");
    expect_row(f->store,
               "SELECT printf('%d %d %s', period_start, period_end, basis) || coalesce(subject, '-')"
               " || coalesce(table_seq, '-') FROM indicator_rows WHERE number = '57所'",
               "2021 2021 annual--");
}

/* A database made before these columns gets them, and its views read them. */
static void test_older_database_gains_columns(void **state)
{
    fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/old.db", f->dir);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
        "CREATE TABLE indicators (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, sentence_id INTEGER,"
        " start INTEGER NOT NULL, end INTEGER NOT NULL, number TEXT NOT NULL, metric TEXT NOT NULL,"
        " value REAL NOT NULL, value_hi REAL, unit TEXT NOT NULL, kind TEXT NOT NULL, cmp TEXT NOT NULL,"
        " scope TEXT, year INTEGER, metric_id TEXT);"
        "CREATE VIEW indicator_rows AS SELECT id, year FROM indicators;"
        "INSERT INTO indicators(doc_id, start, end, number, metric, value, unit, kind, cmp, year)"
        " VALUES (1, 0, 3, '57所', '新增幼儿园', 57, '所', 'actual', '=', 2020);", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    es_err err = {{0}};
    es_store *s = es_store_open(path, &err);
    assert_non_null(s);
    expect_row(s, "SELECT basis || ' ' || period_start || ' ' || period_end FROM indicators", "annual 2020 2020");
    expect_row(s, "SELECT count(basis) + count(table_seq) FROM indicator_rows", "0");
    es_store_close(s);
}

static long long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* The size of the log after each commit, as SQLite reports it. */
static int note_frames(void *arg, sqlite3 *db, const char *schema, int frames)
{
    (void)db, (void)schema;
    *(int *)arg = frames;
    return SQLITE_OK;
}

/* The checkpointer folds what a connection that never folds committed
 * into the database file, and the writer's next transaction then starts
 * the log from its beginning: the log does not grow with every commit. */
static void test_checkpointer_folds_the_log(void **state)
{
    fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/log.db", f->dir);
    sqlite3 *w = NULL;
    assert_int_equal(sqlite3_open(path, &w), SQLITE_OK);
    int frames = 0;
    sqlite3_wal_hook(w, note_frames, &frames); /* SQLite folds no more on commit */
    assert_int_equal(sqlite3_exec(w, "PRAGMA journal_mode=WAL; CREATE TABLE t(x);"
                                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)"
                                     " INSERT INTO t SELECT randomblob(500) FROM n;", NULL, NULL, NULL), SQLITE_OK);
    int grown = frames;
    assert_true(grown > 200);
    assert_true(file_size(path) < 100 * 1024);
    es_err err = {{0}};
    es_checkpointer *cp = es_checkpointer_open(path, &err);
    assert_non_null(cp);
    es_checkpointer_poke(cp);
    es_checkpointer_wait(cp);
    assert_true(file_size(path) > 900 * 1024);
    assert_int_equal(sqlite3_exec(w, "INSERT INTO t VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
    assert_true(frames < 10);
    es_checkpointer_close(cp);
    sqlite3_close(w);
}

static void test_sha256_vectors(void **state)
{
    (void)state;
    char hex[65];
    es_sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    es_sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    es_sha256_hex(two_blocks, strlen(two_blocks), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_stores_all_parts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_bytes_change_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_changed_bytes_replace_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_put_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_commits_all_but_the_failed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_batch_replaces_its_own_document, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_after_a_replacement_in_the_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_search_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_non_sqlite_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_figure_periods_and_cells, setup, teardown),
        cmocka_unit_test_setup_teardown(test_older_database_gains_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkpointer_folds_the_log, setup, teardown),
        cmocka_unit_test(test_sha256_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
