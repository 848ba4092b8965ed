/* Writing the search indexes: sentences_fts over the sentences' text and
 * indicators_fts over the indicators' metric phrases (schema.sql). Both
 * have external content, so the store tells them what it adds and what it
 * removes; the text comes from memory or from the document's stored text,
 * never through the sentences view, which reads the whole document for
 * every sentence. A statement that writes one row of an index opens no
 * savepoint, so the index keeps gathering terms in memory and writes them
 * once a batch. */
#include <string.h>

#include "store_private.h"

static const char SQL_INDEX_SENTENCE[] = "INSERT INTO sentences_fts(rowid, text) VALUES (?1, ?2)";
static const char SQL_INDEX_METRIC[] = "INSERT INTO indicators_fts(rowid, metric) VALUES (?1, ?2)";
static const char SQL_UNINDEX_SENTENCE[] =
    "INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', ?1, ?2)";
static const char SQL_UNINDEX_METRICS[] =
    "INSERT INTO indicators_fts(indicators_fts, rowid, metric)"
    " SELECT 'delete', id, metric FROM indicators WHERE doc_id = ?1";
static const char SQL_DOC_TEXT[] = "SELECT text FROM documents WHERE id = ?1";
static const char SQL_DOC_SPANS[] = "SELECT id, start, end FROM sentence_spans WHERE doc_id = ?1";

int es_store_search_prepare(sqlite3 *db, es_store_stmts *st, es_err *err)
{
    struct { sqlite3_stmt **stmt; const char *sql; } all[] = {
        {&st->index_sentence, SQL_INDEX_SENTENCE},     {&st->index_metric, SQL_INDEX_METRIC},
        {&st->unindex_sentence, SQL_UNINDEX_SENTENCE}, {&st->unindex_metrics, SQL_UNINDEX_METRICS},
        {&st->doc_text, SQL_DOC_TEXT},                 {&st->doc_spans, SQL_DOC_SPANS},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (sqlite3_prepare_v3(db, all[i].sql, -1, SQLITE_PREPARE_PERSISTENT, all[i].stmt, NULL) != SQLITE_OK)
            return es_err_set(err, "preparing statement: %s", sqlite3_errmsg(db));
    return 0;
}

void es_store_search_finalize(es_store_stmts *st)
{
    sqlite3_stmt *all[] = {st->index_sentence, st->index_metric, st->unindex_sentence,
                           st->unindex_metrics, st->doc_text, st->doc_spans};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
}

static int index_row(sqlite3_stmt *st, sqlite3_int64 id, const char *text, size_t len, es_err *err)
{
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text64(st, 2, text, len, SQLITE_STATIC, SQLITE_UTF8);
    return es_store_step_done(st, err);
}

int es_store_index_doc(es_store_stmts *st, const es_document *doc, const es_doc_rows *rows, es_err *err)
{
    const es_structure *ss = &doc->structure;
    for (size_t i = 0; i < ss->nsentences; i++) {
        const es_sentence *sen = &ss->sentences[i];
        if (index_row(st->index_sentence, rows->sentence_ids[i], doc->src->text + sen->start,
                      sen->end - sen->start, err) != 0)
            return -1;
    }
    for (size_t i = 0; i < doc->indicators.n; i++) {
        const char *metric = doc->indicators.items[i].metric ? doc->indicators.items[i].metric : "";
        if (index_row(st->index_metric, rows->indicator_ids[i], metric, strlen(metric), err) != 0)
            return -1;
    }
    return 0;
}

/* Calls `fn` with each stored sentence of document `id` and its text. */
static int each_sentence(es_store_stmts *st, sqlite3_int64 id,
                         int (*fn)(es_store_stmts *st, sqlite3_int64 sid, const char *text, size_t len,
                                   es_err *err),
                         es_err *err)
{
    sqlite3_bind_int64(st->doc_text, 1, id);
    if (sqlite3_step(st->doc_text) != SQLITE_ROW) {
        sqlite3_reset(st->doc_text);
        return es_err_set(err, "document %lld: %s", (long long)id, sqlite3_errmsg(sqlite3_db_handle(st->doc_text)));
    }
    const char *text = (const char *)sqlite3_column_text(st->doc_text, 0);
    size_t len = (size_t)sqlite3_column_bytes(st->doc_text, 0);
    sqlite3_bind_int64(st->doc_spans, 1, id);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st->doc_spans)) == SQLITE_ROW) {
        sqlite3_int64 start = sqlite3_column_int64(st->doc_spans, 1);
        sqlite3_int64 end = sqlite3_column_int64(st->doc_spans, 2);
        if (start < 0 || end < start || (size_t)end > len)
            rc = es_err_set(err, "document %lld: a sentence outside its text", (long long)id);
        else
            rc = fn(st, sqlite3_column_int64(st->doc_spans, 0), text + start, (size_t)(end - start), err);
    }
    sqlite3_reset(st->doc_spans);
    sqlite3_reset(st->doc_text);
    return rc;
}

static int unindex_sentence(es_store_stmts *st, sqlite3_int64 sid, const char *text, size_t len, es_err *err)
{
    return index_row(st->unindex_sentence, sid, text, len, err);
}

static int index_sentence(es_store_stmts *st, sqlite3_int64 sid, const char *text, size_t len, es_err *err)
{
    return index_row(st->index_sentence, sid, text, len, err);
}

int es_store_unindex_doc(es_store_stmts *st, sqlite3_int64 id, es_err *err)
{
    if (each_sentence(st, id, unindex_sentence, err) != 0)
        return -1;
    sqlite3_bind_int64(st->unindex_metrics, 1, id);
    return es_store_step_done(st->unindex_metrics, err);
}

int es_store_rebuild_search(sqlite3 *db, es_err *err)
{
    if (es_store_exec(db, "INSERT INTO sentences_fts(sentences_fts) VALUES ('delete-all');"
                          "INSERT INTO indicators_fts(indicators_fts) VALUES ('rebuild');", err) != 0)
        return -1;
    es_store_stmts st = {0};
    sqlite3_stmt *docs = NULL;
    int rc = es_store_search_prepare(db, &st, err), step = SQLITE_DONE;
    if (rc == 0 && sqlite3_prepare_v2(db, "SELECT id FROM documents ORDER BY id", -1, &docs, NULL) != SQLITE_OK)
        rc = es_err_set(err, "%s", sqlite3_errmsg(db));
    while (rc == 0 && (step = sqlite3_step(docs)) == SQLITE_ROW)
        rc = each_sentence(&st, sqlite3_column_int64(docs, 0), index_sentence, err);
    if (rc == 0 && step != SQLITE_DONE)
        rc = es_err_set(err, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(docs);
    es_store_search_finalize(&st);
    return rc;
}
