/* A database made by version 1 (sentences holding a copy of their text,
 * a trigram search index, no recorded version), by version 2 or 3 (views
 * and indexes since replaced), by version 4 (the sentences' index in the
 * database itself) or by version 5 or 6 (figures indexed by kind,
 * sentences by their document, and by version 5 every figure in the
 * figures index and rows removed by foreign keys), by version 7 (an FTS5
 * search file), by version 8 (every figure's metric phrase in FTS5) or by
 * version 9 (figures not counted by metric) or by version 10 (figures of
 * canonical metrics indexed by metric first) opens: it is upgraded once, with a notice,
 * to sentences stored as spans and the bigram index in a search file of
 * its own, losing nothing; it then opens without being written to. A
 * database from a newer version is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "edushell/base/common.h"
#include "edushell/store/store.h"
/* Version 4's index needs the tokenizer; the search file's own connection
 * checks its index whole. */
#include "../../core/store/fts_bigram.h"
#include "../../core/store/search_index.h"

typedef struct fixture {
    char dir[64], v2[128], v1[128];
    int notices;
} fixture;

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg);
}

/* Runs sql on the database file at path, as an older version left it. */
static void rewrite(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    exec(db, sql);
    sqlite3_close(db);
}

static long long one_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void count_notice(void *ctx, const char *message)
{
    fixture *f = ctx;
    assert_non_null(strstr(message, "upgrading"));
    f->notices++;
}

/* The sample loaded by this version, then copied into version 1's tables. */
static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/edushell-upgrade-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->v2, sizeof f->v2, "%s/v2.db", f->dir);
    snprintf(f->v1, sizeof f->v1, "%s/v1.db", f->dir);
    es_err err = {{0}};
    es_store *s = es_store_open(f->v2, &err);
    assert_non_null(s);
    es_pipeline pipe;
    assert_int_equal(es_pipeline_open(&pipe, EDUSHELL_SOURCE_DATA, &err), 0);
    es_sink sink = es_store_sink(s);
    const char *sample = EDUSHELL_SOURCE_DATA "/sample";
    assert_int_equal(es_ingest_paths(&pipe, &sink, &sample, 1, 0, NULL, NULL), 0);
    es_pipeline_close(&pipe);
    es_store_close(s);

    char *schema;
    size_t len;
    assert_int_equal(es_read_file(EDUSHELL_SOURCE_DATA "/../tests/fixtures/schema-v1.sql", &schema, &len, &err), 0);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v1, &db), SQLITE_OK);
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, schema);
    free(schema);
    char attach[256];
    snprintf(attach, sizeof attach, "ATTACH '%s' AS src", f->v2);
    exec(db, attach);
    exec(db, "BEGIN;"
             "INSERT INTO documents SELECT id, path, name, sha256, format, encoding, title, region,"
             " region_level, province, year, kind, issuer, issued, meta, text, loaded_at FROM src.documents;"
             "INSERT INTO sections SELECT * FROM src.sections;"
             "INSERT INTO sentences(id, doc_id, seq, section_seq, paragraph, start, end, text)"
             " SELECT id, doc_id, seq, section_seq, paragraph, start, end, text FROM src.sentences;"
             "INSERT INTO indicators SELECT id, doc_id, sentence_id, start, end, number, metric, value,"
             " value_hi, unit, kind, cmp, scope, year, metric_id FROM src.indicators;"
             "INSERT INTO metrics SELECT * FROM src.metrics;"
             "INSERT INTO settings SELECT * FROM src.settings;"
             "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');"
             "COMMIT;");
    assert_int_equal(one_int(db, "PRAGMA user_version"), 0);
    assert_true(one_int(db, "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH '\"幼儿园\"'") > 0);
    sqlite3_close(db);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* Opens the database at path, which must need an upgrade: it is said in
 * one notice and leaves the database at the current version. */
static es_store *open_upgraded(fixture *f, const char *path)
{
    es_err err = {{0}};
    es_store_notice notice = {count_notice, f};
    es_store *s = es_store_open_notify(path, &notice, &err);
    if (!s)
        fail_msg("%s", err.msg);
    assert_int_equal(f->notices, 1);
    assert_int_equal(one_int(es_store_db(s), "PRAGMA user_version"), 11);
    /* The search file was made at once: it holds every sentence. */
    assert_int_equal(one_int(es_store_db(s), "SELECT (SELECT id FROM search_through)"
                                             " = (SELECT max(id) FROM sentence_spans)"), 1);
    return s;
}

/* The search file's check of its index. */
static void check_search_file(const char *db_path)
{
    es_err err = {{0}};
    sqlite3 *search = es_search_open_writer(db_path, &err);
    if (!search)
        fail_msg("%s", err.msg);
    sqlite3_int64 pairs = 0;
    if (es_search_verify(search, "main", &pairs, &err) != 0)
        fail_msg("%s", err.msg);
    assert_true(pairs > 0);
    sqlite3_close(search);
}

/* Canonical metrics whose count of figures (metric_counts) is not the
 * number of figures linked to them. */
static const char FIGURES_MISCOUNTED[] =
    "SELECT count(*) FROM (SELECT metric_id, count(*) AS n FROM indicators WHERE metric_id IS NOT NULL"
    " GROUP BY metric_id) g LEFT JOIN metric_counts c USING (metric_id) WHERE c.n IS NOT g.n";

static void test_upgrades_once_and_keeps_everything(void **state)
{
    fixture *f = *state;
    es_store *s = open_upgraded(f, f->v1);
    sqlite3 *db = es_store_db(s);
    char attach[256];
    snprintf(attach, sizeof attach, "ATTACH '%s' AS src", f->v2);
    exec(db, attach);
    /* The same rows, every sentence with the same text. */
    assert_int_equal(one_int(db, "SELECT count(*) FROM sentences"), one_int(db, "SELECT count(*) FROM src.sentences"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM sentences a JOIN src.sentences b USING (id)"
                                 " WHERE a.text = b.text AND a.doc_id = b.doc_id"),
                     one_int(db, "SELECT count(*) FROM src.sentences"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators a JOIN src.indicators b USING (id)"
                                 " WHERE a.sentence_id IS b.sentence_id AND a.metric = b.metric"
                                 " AND a.period_end IS b.year"),
                     one_int(db, "SELECT count(*) FROM src.indicators"));
    /* Sections kept as spans: the same headings, read from the text. */
    assert_int_equal(one_int(db, "SELECT count(*) FROM sections a JOIN src.sections b USING (id)"
                                 " WHERE a.heading = b.heading AND a.doc_id = b.doc_id"),
                     one_int(db, "SELECT count(*) FROM src.sections"));
    assert_true(one_int(db, "SELECT count(*) FROM sections") > 0);
    exec(db, "DETACH src");
    /* Both indexes answer, and agree with a scan. */
    assert_int_equal(one_int(db, "SELECT count(*) FROM edu_sentence_search('幼儿园') f JOIN sentences s ON s.id = f.id"
                                 " WHERE edu_bigram_contains(s.text, '幼儿园')"),
                     one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '幼儿园') > 0"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM edu_sentence_search('幼儿')"),
                     one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '幼儿') > 0"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators WHERE phrase_id IN (SELECT p.id FROM metric_phrases p"
                                 " JOIN metric_phrases_fts f ON f.rowid = p.id"
                                 " WHERE metric_phrases_fts MATCH edu_bigram_query('覆盖率')"
                                 " AND edu_bigram_contains(p.phrase, '覆盖率'))"),
                     one_int(db, "SELECT count(*) FROM indicators WHERE instr(metric, '覆盖率') > 0"));
    /* Each indicator names its own phrase, each phrase stored once. */
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators i LEFT JOIN metric_phrases p ON p.id = i.phrase_id"
                                 " WHERE p.phrase IS NOT i.metric"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM metric_phrases"),
                     one_int(db, "SELECT count(DISTINCT metric) FROM indicators"));
    exec(db, "INSERT INTO metric_phrases_fts(metric_phrases_fts, rank) VALUES ('integrity-check', 1)");
    assert_int_equal(one_int(db, FIGURES_MISCOUNTED), 0);
    assert_true(one_int(db, "SELECT sum(n) FROM metric_counts") > 0);
    check_search_file(f->v1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    es_store_close(s);

    /* Opened again: nothing to do, nothing written. */
    sqlite3 *watch;
    assert_int_equal(sqlite3_open(f->v1, &watch), SQLITE_OK);
    long long version = one_int(watch, "PRAGMA data_version");
    es_err err = {{0}};
    es_store_notice notice = {count_notice, f};
    s = es_store_open_notify(f->v1, &notice, &err);
    assert_non_null(s);
    assert_int_equal(f->notices, 1);
    es_store_close(s);
    assert_int_equal(one_int(watch, "PRAGMA data_version"), version);
    sqlite3_close(watch);
}

/* Version 2: a view of indicators that joined the view of sentences, and
 * an index by metric that covered nothing. Opened, it gets the view and
 * the indexes of version 3 and the search index of version 4, once, with
 * one notice, and keeps every row. */
static void test_upgrades_version_2(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v2, &db), SQLITE_OK);
    long long rows = one_int(db, "SELECT count(*) FROM indicators");
    exec(db, "DROP VIEW indicator_rows;"
             "CREATE VIEW indicator_rows AS SELECT i.id, i.doc_id, d.name AS doc, d.region, i.metric,"
             " i.metric_id, i.value, i.kind, i.year, s.text AS sentence FROM indicators i"
             " JOIN documents d ON d.id = i.doc_id LEFT JOIN sentences s ON s.id = i.sentence_id;"
             "DROP INDEX indicators_figures; DROP INDEX indicators_claims;"
             "CREATE INDEX indicators_metric_id ON indicators(metric_id, kind, year);"
             "PRAGMA user_version = 2");
    sqlite3_close(db);
    es_store *s = open_upgraded(f, f->v2);
    db = es_store_db(s);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                 " ('indicators_figures', 'indicators_claims')"), 2);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'indicators_metric_id'"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicator_rows"), rows);
    assert_true(rows > 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicator_rows r LEFT JOIN sentences s"
                                 " ON s.id = r.sentence_id WHERE r.sentence IS NOT s.text"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM edu_sentence_search('教育')"),
                     one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '教育') > 0"));
    check_search_file(f->v2);
    es_store_close(s);
}

/* Version 3: an index of rank claims without their kind, a document's
 * figures indexed by metric, a region's documents by year. Opened, it gets
 * the indexes of version 4, once, with a notice, and keeps every row; a
 * query of claims is then answered from their index alone. */
static void test_upgrades_version_3_indexes(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v2, &db), SQLITE_OK);
    long long claims = one_int(db, "SELECT count(*) FROM indicators WHERE kind = 'rank'");
    assert_true(claims > 0);
    exec(db, "DROP INDEX indicators_claims;"
             "CREATE INDEX indicators_claims ON indicators("
             " doc_id, scope, year, value, start, cmp, unit, metric, number) WHERE kind = 'rank';"
             "DROP INDEX indicators_doc; CREATE INDEX indicators_doc ON indicators(doc_id, metric_id, kind);"
             "DROP INDEX documents_region_name; CREATE INDEX documents_region_year ON documents(region, year);"
             "PRAGMA user_version = 3");
    sqlite3_close(db);
    es_store *s = open_upgraded(f, f->v2);
    db = es_store_db(s);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators INDEXED BY indicators_claims"
                                 " WHERE kind = 'rank' AND kind IS NOT NULL"), claims);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents_region_year'"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents_region_name'"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'indicators_doc'"
                                 " AND sql LIKE '%doc_id, year, kind%'"), 1);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT i.kind, i.number, i.id FROM indicators i"
                                            " INDEXED BY indicators_claims WHERE i.kind = 'rank'", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_non_null(strstr((const char *)sqlite3_column_text(st, 3), "COVERING INDEX indicators_claims"));
    sqlite3_finalize(st);
    es_store_close(s);
}

/* Version 4: the sentences' index was in the database. Opened, the table
 * goes, the search file is made from the sentences, and searches agree
 * with a scan. */
static void test_upgrades_version_4_search(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v2, &db), SQLITE_OK);
    assert_int_equal(es_bigram_register(db), SQLITE_OK);
    exec(db, "DROP TRIGGER documents_unindex; DROP TABLE search_removed;"
             "DELETE FROM settings WHERE key IN ('search_id', 'sentence_high');"
             "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='sentences', content_rowid='id',"
             " tokenize='edu_bigram', detail=none, columnsize=0);"
             "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');"
             "PRAGMA user_version = 4");
    sqlite3_close(db);
    char search[160];
    snprintf(search, sizeof search, "%s-search", f->v2);
    assert_int_equal(unlink(search), 0);
    es_store *s = open_upgraded(f, f->v2);
    db = es_store_db(s);
    assert_int_equal(one_int(db, "SELECT count(*) FROM main.sqlite_schema WHERE name LIKE 'sentences_fts%'"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM settings WHERE key IN ('search_id', 'sentence_high')"), 2);
    assert_int_equal(one_int(db, "SELECT count(*) FROM edu_sentence_search('教育')"),
                     one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '教育') > 0"));
    assert_true(one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '教育') > 0") > 0);
    check_search_file(f->v2);
    es_store_close(s);
}

/* The plan SQLite makes for `sql`, its first line's detail. */
static int plan_has(sqlite3 *db, const char *sql, const char *detail)
{
    char explain[512];
    snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, explain, -1, &st, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    int found = 0;
    while (sqlite3_step(st) == SQLITE_ROW)
        found |= strstr((const char *)sqlite3_column_text(st, 3), detail) != NULL;
    sqlite3_finalize(st);
    return found;
}

/* Version 5: every figure in the figures index, figures indexed by kind,
 * a document's sentences found by an index on their doc_id, and a
 * document's rows removed by foreign keys (which the file keeps declared),
 * no index of targets; version 6 as first made (THEN_LIKE_6). Opened, the
 * index of targets is made, the figures index holds
 * only the figures with a canonical metric and still answers a query
 * naming one alone; each document knows the range of its sentences' ids,
 * which the view of sentences reads; a document removed takes its rows
 * along, and leaves its sentences' text for the search file. */
static const char LOOKS_LIKE_5[] =
    "DROP INDEX indicators_figures; DROP TRIGGER documents_children; DROP INDEX indicators_targets;"
    "DROP TRIGGER documents_unindex; DROP VIEW sentences;"
    "ALTER TABLE documents DROP COLUMN first_sentence; ALTER TABLE documents DROP COLUMN last_sentence;"
    "CREATE INDEX indicators_figures ON indicators(metric_id, kind, basis, year, period_start,"
    " subject, doc_id, unit, cmp, start, value, value_hi);"
    "CREATE INDEX sentence_spans_doc ON sentence_spans(doc_id, seq);"
    "CREATE INDEX indicators_kind ON indicators(kind, year);"
    "CREATE VIEW sentences AS SELECT s.id, s.doc_id, s.seq, s.section_seq, s.paragraph, s.start, s.end,"
    " CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT) AS text"
    " FROM sentence_spans s JOIN documents d ON d.id = s.doc_id;"
    "CREATE TRIGGER documents_unindex BEFORE DELETE ON documents BEGIN"
    " INSERT INTO search_removed(sentence_id, text)"
    " SELECT s.id, CAST(substr(CAST(old.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT)"
    " FROM sentence_spans s WHERE s.doc_id = old.id ORDER BY s.id; END;";

/* Version 6 as it was first made: the figures index partial and the
 * trigger removing a document's rows, but sentences still found by an
 * index on their document, and figures indexed by kind. */
static const char THEN_LIKE_6[] =
    "DROP INDEX indicators_figures;"
    "CREATE INDEX indicators_figures ON indicators(metric_id, kind, basis, year, period_start,"
    " subject, doc_id, unit, cmp, start, value, value_hi) WHERE metric_id IS NOT NULL;"
    "CREATE TRIGGER documents_children AFTER DELETE ON documents BEGIN"
    " DELETE FROM indicators WHERE doc_id = old.id;"
    " DELETE FROM sentence_spans WHERE doc_id = old.id;"
    " DELETE FROM section_spans WHERE doc_id = old.id; END;";

static void upgrades_from(fixture *f, int version)
{
    es_store *s = open_upgraded(f, f->v1); /* version 1's tables, foreign keys declared */
    es_store_close(s);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v1, &db), SQLITE_OK);
    exec(db, LOOKS_LIKE_5);
    if (version == 6)
        exec(db, THEN_LIKE_6);
    char sql[320];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", version);
    exec(db, sql);
    long long with_metric = one_int(db, "SELECT count(*) FROM indicators WHERE metric_id IS NOT NULL");
    assert_true(with_metric > 0 && with_metric < one_int(db, "SELECT count(*) FROM indicators"));
    long long doc = one_int(db, "SELECT doc_id FROM indicators GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1");
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sentence_spans WHERE doc_id = %lld", doc);
    long long sentences = one_int(db, sql);
    assert_true(sentences > 0);
    sqlite3_close(db);
    f->notices = 0;
    s = open_upgraded(f, f->v1);
    db = es_store_db(s);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators INDEXED BY indicators_figures"
                                 " WHERE metric_id IS NOT NULL"), with_metric);
    assert_true(plan_has(db, "SELECT value, year FROM indicators WHERE (doc_id >> 10) IN"
                             " (SELECT bucket FROM document_buckets) AND metric_id = 'x' AND kind = 'actual'",
                         "SEARCH indicators USING COVERING INDEX indicators_figures (<expr>=? AND metric_id=?"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name IN"
                                 " ('sentence_spans_doc', 'indicators_kind')"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators INDEXED BY indicators_targets"
                                 " WHERE kind = 'target'"),
                     one_int(db, "SELECT count(*) FROM indicators WHERE kind = 'target'"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM documents d WHERE"
                                 " first_sentence IS NOT (SELECT min(id) FROM sentence_spans WHERE doc_id = d.id)"
                                 " OR last_sentence IS NOT (SELECT max(id) FROM sentence_spans WHERE doc_id = d.id)"),
                     0);
    /* A document's sentences through the view: its range of ids. */
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sentences WHERE doc_id = %lld", doc);
    assert_int_equal(one_int(db, sql), sentences);
    assert_true(plan_has(db, "SELECT text FROM sentences WHERE doc_id = 1", "(rowid>? AND rowid<?)"));
    long long removed = one_int(db, "SELECT count(*) FROM search_removed");
    snprintf(sql, sizeof sql, "DELETE FROM documents WHERE id = %lld", doc);
    exec(db, sql);
    assert_int_equal(one_int(db, "SELECT count(*) FROM search_removed"), removed + sentences);
    snprintf(sql, sizeof sql, "SELECT (SELECT count(*) FROM indicators WHERE doc_id = %lld)"
                              " + (SELECT count(*) FROM sentence_spans WHERE doc_id = %lld)"
                              " + (SELECT count(*) FROM section_spans WHERE doc_id = %lld)", doc, doc, doc);
    assert_int_equal(one_int(db, sql), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* Each of the trigger's deletes finds the rows by an index or their ids. */
    const char *children[] = {"DELETE FROM indicators WHERE doc_id = 1",
                              "DELETE FROM sentence_spans WHERE id BETWEEN 1 AND 9 AND doc_id = 1",
                              "DELETE FROM section_spans WHERE doc_id = 1"};
    for (size_t i = 0; i < sizeof children / sizeof children[0]; i++)
        assert_true(plan_has(db, children[i], "SEARCH"));
    es_store_close(s);
}

static void test_upgrades_version_5(void **state) { upgrades_from(*state, 5); }
static void test_upgrades_version_6(void **state) { upgrades_from(*state, 6); }

/* Version 7: the search file held an FTS5 index (search file version 1),
 * here one that claims to be whole but lists nothing. Opened, the file is
 * made anew and built at once, and searches agree with a scan. */
static void test_upgrades_version_7_search_file(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v2, &db), SQLITE_OK);
    exec(db, "PRAGMA user_version = 7");
    long long last = one_int(db, "SELECT max(id) FROM sentence_spans");
    sqlite3_close(db);
    char search[160], sql[512];
    snprintf(search, sizeof search, "%s-search", f->v2);
    assert_int_equal(unlink(search), 0);
    assert_int_equal(sqlite3_open(search, &db), SQLITE_OK);
    assert_int_equal(es_bigram_register(db), SQLITE_OK);
    snprintf(sql, sizeof sql,
             "CREATE VIRTUAL TABLE sentences_fts USING fts5(text, content='', tokenize='edu_bigram',"
             " detail=none, columnsize=0);"
             "CREATE TABLE search_state (key TEXT PRIMARY KEY, value);"
             "ATTACH '%s' AS data;"
             "INSERT INTO search_state VALUES ('database', (SELECT value FROM data.settings WHERE key = 'search_id')),"
             " ('sentences', %lld), ('removed', 0);"
             "PRAGMA main.user_version = 1;",
             f->v2, last);
    exec(db, sql);
    sqlite3_close(db);
    es_store *s = open_upgraded(f, f->v2);
    db = es_store_db(s);
    assert_int_equal(one_int(db, "SELECT count(*) FROM search.sqlite_schema WHERE name LIKE 'sentences_fts%'"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM edu_sentence_search('幼儿园') f JOIN sentences s ON s.id = f.id"
                                 " WHERE edu_bigram_contains(s.text, '幼儿园')"),
                     one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '幼儿园') > 0"));
    assert_true(one_int(db, "SELECT count(*) FROM sentences WHERE instr(text, '幼儿园') > 0") > 0);
    check_search_file(f->v2);
    es_store_close(s);
}

/* The figures that hold '覆盖率' in their metric phrase, found through the
 * phrases' index, bucket by bucket of documents, as edu.indicators{metric=}
 * asks. */
static const char FIGURES_BY_PHRASE[] =
    "SELECT count(*) FROM indicators WHERE (doc_id >> 10) IN (SELECT bucket FROM document_buckets)"
    " AND phrase_id IN (SELECT p.id FROM metric_phrases p"
    " JOIN metric_phrases_fts f ON f.rowid = p.id WHERE metric_phrases_fts MATCH edu_bigram_query('覆盖率')"
    " AND edu_bigram_contains(p.phrase, '覆盖率'))";

/* Version 8: every figure's metric phrase was in an FTS5 index of its
 * own, indicators_fts, and figures had no phrase_id. Opened, each phrase
 * is stored once, each figure names its own, the old index is gone, and a
 * metric filter finds what a scan finds, by the index of phrase ids. */
static void test_upgrades_version_8_phrases(void **state)
{
    fixture *f = *state;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->v2, &db), SQLITE_OK);
    assert_int_equal(es_bigram_register(db), SQLITE_OK);
    /* The column is left, empty (SQLite 3.40 cannot drop a last column
     * whose predecessor ends in a comment); older versions' upgrades add
     * it. */
    exec(db, "DROP TABLE metric_phrases_fts; DROP TABLE metric_phrases; DROP INDEX indicators_phrase;"
             "UPDATE indicators SET phrase_id = NULL;"
             "CREATE VIRTUAL TABLE indicators_fts USING fts5(metric, content='indicators', content_rowid='id',"
             " tokenize='edu_bigram', detail=none, columnsize=0);"
             "INSERT INTO indicators_fts(indicators_fts) VALUES ('rebuild');"
             "PRAGMA user_version = 8;");
    long long figures = one_int(db, "SELECT count(*) FROM indicators");
    sqlite3_close(db);
    es_store *s = open_upgraded(f, f->v2);
    db = es_store_db(s);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'indicators_fts%'"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators"), figures);
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators i LEFT JOIN metric_phrases p ON p.id = i.phrase_id"
                                 " WHERE p.phrase IS NOT i.metric"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM metric_phrases"),
                     one_int(db, "SELECT count(DISTINCT metric) FROM indicators"));
    assert_true(one_int(db, "SELECT count(*) FROM metric_phrases") < figures);
    exec(db, "INSERT INTO metric_phrases_fts(metric_phrases_fts, rank) VALUES ('integrity-check', 1)");
    long long holding = one_int(db, "SELECT count(*) FROM indicators WHERE instr(metric, '覆盖率') > 0");
    assert_true(holding > 0);
    assert_int_equal(one_int(db, FIGURES_BY_PHRASE), holding);
    assert_true(plan_has(db, FIGURES_BY_PHRASE,
                         "SEARCH indicators USING COVERING INDEX indicators_phrase (<expr>=? AND phrase_id=?)"));
    es_store_close(s);
}

/* Version 9: figures were counted by canonical metric at each call, and a
 * removed document took its figures along without a count to mend.
 * Opened, the figures stored are counted, and a document removed then
 * takes its figures off the counts. */
static void test_upgrades_version_9_counts(void **state)
{
    fixture *f = *state;
    rewrite(f->v2, "DROP TABLE metric_counts; DROP TRIGGER documents_children;"
                   "CREATE TRIGGER documents_children AFTER DELETE ON documents BEGIN"
                   " DELETE FROM indicators WHERE doc_id = old.id;"
                   " DELETE FROM sentence_spans WHERE id BETWEEN old.first_sentence AND old.last_sentence"
                   " AND doc_id = old.id;"
                   " DELETE FROM section_spans WHERE doc_id = old.id; END;"
                   "PRAGMA user_version = 9;");
    es_store *s = open_upgraded(f, f->v2);
    sqlite3 *db = es_store_db(s);
    assert_int_equal(one_int(db, FIGURES_MISCOUNTED), 0);
    assert_int_equal(one_int(db, "SELECT sum(n) FROM metric_counts"),
                     one_int(db, "SELECT count(metric_id) FROM indicators"));
    long long before = one_int(db, "SELECT sum(n) FROM metric_counts");
    exec(db, "DELETE FROM documents WHERE id = (SELECT doc_id FROM indicators WHERE metric_id IS NOT NULL"
             " GROUP BY doc_id ORDER BY count(*) DESC LIMIT 1)");
    assert_int_equal(one_int(db, FIGURES_MISCOUNTED), 0);
    assert_true(one_int(db, "SELECT sum(n) FROM metric_counts") < before);
    assert_int_equal(one_int(db, "SELECT count(*) FROM metric_counts WHERE n <> (SELECT count(*) FROM indicators i"
                                 " WHERE i.metric_id = metric_counts.metric_id)"), 0);
    es_store_close(s);
}

/* Version 10: the figures of canonical metrics were indexed by metric
 * first. Opened, the index is by bucket of documents first, holds every
 * such figure, and a query naming the buckets and a metric is answered
 * from it alone. */
static void test_upgrades_version_10_figures(void **state)
{
    fixture *f = *state;
    rewrite(f->v2, "DROP INDEX indicators_figures;"
                   "CREATE INDEX indicators_figures ON indicators(metric_id, kind, basis, year, period_start,"
                   " subject, doc_id, unit, cmp, start, value, value_hi) WHERE metric_id IS NOT NULL;"
                   "PRAGMA user_version = 10;");
    f->notices = 0;
    es_store *s = open_upgraded(f, f->v2);
    assert_int_equal(f->notices, 1);
    sqlite3 *db = es_store_db(s);
    const char *by_bucket = "SELECT count(*) FROM indicators WHERE (doc_id >> 10) IN"
                            " (SELECT bucket FROM document_buckets) AND metric_id = ?1";
    assert_true(plan_has(db, by_bucket,
                         "SEARCH indicators USING COVERING INDEX indicators_figures (<expr>=? AND metric_id=?)"));
    assert_int_equal(one_int(db, "SELECT count(*) FROM indicators INDEXED BY indicators_figures"
                                 " WHERE metric_id IS NOT NULL"),
                     one_int(db, "SELECT count(metric_id) FROM indicators"));
    es_store_close(s);
}

static void test_refuses_a_newer_database(void **state)
{
    fixture *f = *state;
    rewrite(f->v2, "PRAGMA user_version = 99");
    es_err err = {{0}};
    assert_null(es_store_open(f->v2, &err));
    assert_non_null(strstr(err.msg, "newer edushell"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_upgrades_once_and_keeps_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_2, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_3_indexes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_4_search, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_5, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_6, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_7_search_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_8_phrases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_9_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upgrades_version_10_figures, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refuses_a_newer_database, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
