/* Columns added to tables of version 1 databases (store_schema.c brings
 * them up to date). schema.sql creates what is missing but cannot add a
 * column to a table that exists: a database without one gets it (NULL or
 * its default in the rows stored), and the views that read it are made
 * again. */
#include <string.h>

#include "store_private.h"

typedef struct added_column {
    const char *table, *name, *decl;
} added_column;

/* In the order they were added; each as schema.sql declares it. */
static const added_column ADDED[] = {
    {"indicators", "period_start", "INTEGER"},
    {"indicators", "period_end", "INTEGER"},
    {"indicators", "basis", "TEXT NOT NULL DEFAULT 'annual'"},
    {"indicators", "subject", "TEXT"},
    {"indicators", "table_seq", "INTEGER"},
    {"indicators", "cell_row", "INTEGER"},
    {"indicators", "cell_col", "INTEGER"},
    {"indicators", "sheet", "TEXT"},
    {"indicators", "page", "INTEGER"},
};

/* Views that read added columns: dropped, then made again by the schema. */
static const char *const VIEWS[] = {"indicator_rows", "document_rows"};

static int has_column(sqlite3 *db, const char *table, const char *name, int *has, es_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", -1, &st, NULL) != SQLITE_OK)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    *has = rc == SQLITE_ROW;
    return 0;
}

static int add_columns(sqlite3 *db, es_err *err)
{
    for (size_t i = 0; i < sizeof ADDED / sizeof ADDED[0]; i++) {
        int has = 0, table = 0;
        if (has_column(db, ADDED[i].table, "id", &table, err) != 0 ||
            has_column(db, ADDED[i].table, ADDED[i].name, &has, err) != 0)
            return -1;
        if (has || !table)
            continue;
        char *sql = sqlite3_mprintf("ALTER TABLE \"%w\" ADD COLUMN \"%w\" %s", ADDED[i].table, ADDED[i].name,
                                    ADDED[i].decl);
        int rc = es_store_exec(db, sql, err);
        sqlite3_free(sql);
        if (rc != 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof VIEWS / sizeof VIEWS[0]; i++) {
        char *sql = sqlite3_mprintf("DROP VIEW IF EXISTS \"%w\"", VIEWS[i]);
        int rc = es_store_exec(db, sql, err);
        sqlite3_free(sql);
        if (rc != 0)
            return -1;
    }
    return 0;
}

int es_store_add_columns(sqlite3 *db, es_err *err)
{
    int rc = add_columns(db, err);
    /* Figures stored before covered the year they were about. */
    if (rc == 0)
        rc = es_store_exec(db, "UPDATE indicators SET period_start = year, period_end = year"
                               " WHERE period_start IS NULL AND year IS NOT NULL", err);
    return rc;
}

/* Version 5 and before: a document's sentences were found by an index on
 * sentence_spans(doc_id); the document now records their first and last
 * id. Each document's sentences were always given ids in a row (one
 * writer, one document at a time), and the trigger and view that read
 * the range check doc_id as well. */
int es_store_add_sentence_ranges(sqlite3 *db, es_err *err)
{
    int has = 0, documents = 0, sentences = 0;
    if (has_column(db, "documents", "first_sentence", &has, err) != 0 ||
        has_column(db, "documents", "id", &documents, err) != 0 ||
        has_column(db, "sentence_spans", "id", &sentences, err) != 0)
        return -1;
    if (has || !documents)
        return 0; /* schema.sql makes the table with them */
    if (es_store_exec(db,
                      "ALTER TABLE documents ADD COLUMN first_sentence INTEGER;"
                      "ALTER TABLE documents ADD COLUMN last_sentence INTEGER;",
                      err) != 0)
        return -1;
    return !sentences ? 0
                      : es_store_exec(db,
                                      "UPDATE documents SET first_sentence = r.first, last_sentence = r.last"
                                      " FROM (SELECT doc_id, min(id) AS first, max(id) AS last"
                                      "       FROM sentence_spans GROUP BY doc_id) r"
                                      " WHERE r.doc_id = documents.id",
                                      err);
}
