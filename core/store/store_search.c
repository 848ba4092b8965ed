/* Writing the index of metric phrases, indicators_fts (schema.sql). It has
 * external content, so the store tells it what it adds and what it
 * removes. A statement that writes one row of the index opens no
 * savepoint, so the index keeps gathering terms in memory and writes them
 * once a batch. The sentences' index is the indexer's (search_index.h). */
#include <string.h>

#include "store_private.h"

static const char SQL_INDEX_METRIC[] = "INSERT INTO indicators_fts(rowid, metric) VALUES (?1, ?2)";
static const char SQL_UNINDEX_METRICS[] =
    "INSERT INTO indicators_fts(indicators_fts, rowid, metric)"
    " SELECT 'delete', id, metric FROM indicators WHERE doc_id = ?1";

int es_store_search_prepare(sqlite3 *db, es_store_stmts *st, es_err *err)
{
    struct { sqlite3_stmt **stmt; const char *sql; } all[] = {
        {&st->index_metric, SQL_INDEX_METRIC}, {&st->unindex_metrics, SQL_UNINDEX_METRICS},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (sqlite3_prepare_v3(db, all[i].sql, -1, SQLITE_PREPARE_PERSISTENT, all[i].stmt, NULL) != SQLITE_OK)
            return es_err_set(err, "preparing statement: %s", sqlite3_errmsg(db));
    return 0;
}

void es_store_search_finalize(es_store_stmts *st)
{
    sqlite3_finalize(st->index_metric);
    sqlite3_finalize(st->unindex_metrics);
}

int es_store_index_doc(es_store_stmts *st, const es_document *doc, const es_doc_rows *rows, es_err *err)
{
    for (size_t i = 0; i < doc->indicators.n; i++) {
        const char *metric = doc->indicators.items[i].metric ? doc->indicators.items[i].metric : "";
        sqlite3_bind_int64(st->index_metric, 1, rows->indicator_ids[i]);
        sqlite3_bind_text(st->index_metric, 2, metric, -1, SQLITE_STATIC);
        if (es_store_step_done(st->index_metric, err) != 0)
            return -1;
    }
    return 0;
}

int es_store_unindex_doc(es_store_stmts *st, sqlite3_int64 id, es_err *err)
{
    sqlite3_bind_int64(st->unindex_metrics, 1, id);
    return es_store_step_done(st->unindex_metrics, err);
}

int es_store_rebuild_search(sqlite3 *db, es_err *err)
{
    return es_store_exec(db, "INSERT INTO indicators_fts(indicators_fts) VALUES ('rebuild');", err);
}
