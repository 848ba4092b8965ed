/* The schema's version and the way up to it. A database records its
 * version in PRAGMA user_version; one at the current version is opened
 * without writing anything, so a read-only start never takes the write
 * lock. A new database gets schema.sql; an older one is brought up in the
 * same write transaction, re-checked under the lock in case another
 * process did it meanwhile. */
#include <stdio.h>
#include <string.h>

#include "store_private.h"

extern const char es_schema_sql[];

enum { SCHEMA_VERSION = 11 };

static int read_int(sqlite3 *db, const char *sql, int *out, es_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    return 0;
}

/* Version 1, before versions were recorded: sentences held a copy of their
 * text and the search index was by trigrams; indicators may lack columns
 * added since (store_migrate.c). The sentences become spans (renaming the
 * table carries the indicators' references along); the views that read
 * them are made again by schema.sql. */
static const char SENTENCES_TO_SPANS[] =
    "DROP VIEW IF EXISTS indicator_rows;"
    "DROP VIEW IF EXISTS document_rows;"
    "DROP TABLE IF EXISTS sentences_fts;"
    "DROP INDEX IF EXISTS sentences_doc;"
    "DROP INDEX IF EXISTS indicators_doc;"
    "DROP INDEX IF EXISTS indicators_metric;"
    "DROP INDEX IF EXISTS indicators_metric_id;"
    "ALTER TABLE sentences RENAME TO sentence_spans;"
    "ALTER TABLE sentence_spans DROP COLUMN text;";

/* Version 2: the view of indicators read every sentence's text whatever
 * the query asked, and the index by metric left rankings to visit the
 * table. schema.sql makes the view and the indexes that replace them. */
static const char VIEWS_AND_INDEXES_OF_3[] =
    "DROP VIEW IF EXISTS indicator_rows;"
    "DROP INDEX IF EXISTS indicators_metric_id;";

/* Version 3: sections kept a copy of their heading line, and the search
 * indexes kept every pair's positions and each row's token count, which
 * made them larger than the text. The index of rank claims lacked their
 * kind (a query naming it visited the table for every claim), a
 * document's figures were indexed by metric rather than by year and kind,
 * a region's documents by year rather than in the order of their names.
 * schema.sql makes the span table, the view and the indexes that replace
 * them; the search indexes are then rebuilt. */
static const char SECTIONS_AND_SEARCH_OF_4[] =
    "DROP TABLE IF EXISTS sentences_fts;"
    "DROP TABLE IF EXISTS indicators_fts;"
    "DROP INDEX IF EXISTS indicators_claims;"
    "DROP INDEX IF EXISTS indicators_doc;"
    "DROP INDEX IF EXISTS documents_region_year;";
static const char SECTIONS_TO_SPANS[] =
    "ALTER TABLE sections RENAME TO section_spans;"
    "ALTER TABLE section_spans DROP COLUMN heading;";

/* Version 4: the sentences' search index was in the database itself,
 * where the load wrote it between batches of rows; it moves to a file of
 * its own (search_index.h), which the indexer builds after the upgrade. */
static const char SENTENCE_SEARCH_OF_5[] = "DROP TABLE IF EXISTS sentences_fts;";

/* Version 5: the figures index held every figure, though only those with
 * a canonical metric are asked of it, and a document's sentences were
 * found by an index on their doc_id. schema.sql makes the figures index
 * again, partial, the view of sentences and the trigger that keeps a
 * removed document's sentences' text, both reading the document's range of
 * sentence ids (es_store_add_sentence_ranges), and adds the trigger that
 * removes a document's rows with it (the tables' foreign keys stay
 * declared in older files, unenforced). */
static const char FIGURES_AND_SENTENCES_OF_6[] =
    "DROP INDEX IF EXISTS indicators_figures;"
    "DROP INDEX IF EXISTS sentence_spans_doc;"
    "DROP VIEW IF EXISTS sentences;"
    "DROP TRIGGER IF EXISTS documents_unindex;";

/* Version 6: figures were indexed by kind and year, which no query asks
 * alone; and a version 6 database may lack the sentences' ranges (the
 * statements above make them, once). */
static const char KIND_INDEX_OF_7[] = "DROP INDEX IF EXISTS indicators_kind;";

/* Version 7: the search file held an index of FTS5 (search file version
 * 1). Nothing in the database changes; opening the search file makes it
 * anew, empty, and es_store_open builds it at once after any upgrade. */

/* Version 8: the index of metric phrases held every figure's phrase,
 * written for each figure stored. Each phrase is now stored once, the
 * figures name it by id (es_store_add_phrase_column before schema.sql,
 * es_store_fill_phrases after), and the index holds the phrases. The
 * view of indicators is made again, with the column. */
static const char PHRASE_INDEX_OF_9[] = "DROP TABLE IF EXISTS indicators_fts; DROP VIEW IF EXISTS indicator_rows;";

/* Version 9: edu.metric.list counted each canonical metric's figures at
 * every call, reading a fifth of all figures. schema.sql adds the table
 * of counts and the trigger removing a document's rows again, which now
 * takes its figures off the counts; the figures stored before are counted
 * once (es_store_count_figures). */
static const char COUNTS_OF_10[] = "DROP TRIGGER IF EXISTS documents_children;";

/* Version 10: the index of figures of canonical metrics was by metric
 * first; FIGURES_AND_SENTENCES_OF_6 drops it at every upgrade, and
 * schema.sql makes it again by bucket of documents first. */

static int set_version(sqlite3 *db, es_err *err)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
    return es_store_exec(db, sql, err);
}

/* Inside the write transaction. */
static int upgrade_1_to_2(sqlite3 *db, es_err *err)
{
    int sentence_table = 0;
    if (es_store_add_columns(db, err) != 0 ||
        read_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sentences' AND type = 'table'",
                 &sentence_table, err) != 0)
        return -1;
    return sentence_table ? es_store_exec(db, SENTENCES_TO_SPANS, err) : 0;
}

/* Inside the write transaction. */
static int upgrade_to_4(sqlite3 *db, es_err *err)
{
    int section_table = 0;
    if (es_store_exec(db, SECTIONS_AND_SEARCH_OF_4, err) != 0 ||
        read_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sections' AND type = 'table'",
                 &section_table, err) != 0)
        return -1;
    return section_table ? es_store_exec(db, SECTIONS_TO_SPANS, err) : 0;
}

/* What an upgrade from `version` does, said once before it starts. */
static const char *upgrade_notice(int version)
{
    switch (version) {
    case 1:
        return "upgrading the database to version 11 (sentences, sections and metric phrases stored once, a"
               " new search index in a file of its own): this reads every document once";
    case 2:
        return "upgrading the database to version 11 (indexes for rankings and comparisons, sections and"
               " metric phrases stored once, a smaller search index in a file of its own): this reads every"
               " sentence once";
    case 3:
        return "upgrading the database to version 11 (sections and metric phrases stored once, a smaller"
               " search index in a file of its own, indexes for plans and rank claims): this reads every"
               " sentence once";
    case 4:
        return "upgrading the database to version 11 (the search index of sentences moves to a file of"
               " its own, built again; metric phrases stored once): this reads every sentence once";
    case 5:
    case 6:
        return "upgrading the database to version 11 (a smaller index of figures by canonical metric,"
               " none by kind, none of sentences by document, metric phrases stored once, the search"
               " index built again): this reads every figure and sentence once";
    case 7:
        return "upgrading the database to version 11 (the search index of sentences built again, in"
               " sorted chunks; metric phrases stored once): this reads every sentence once";
    case 8:
        return "upgrading the database to version 11 (each metric phrase stored once, figures found by"
               " their phrase's id): this reads every figure once";
    case 9:
        return "upgrading the database to version 11 (figures counted by canonical metric as they are"
               " stored, the index of figures by canonical metric by bucket of documents first): this"
               " reads every figure once";
    default:
        return "upgrading the database to version 11 (the index of figures by canonical metric by bucket"
               " of documents first, so that a load adds to its end): this reads every figure once";
    }
}

static int upgrade_locked(sqlite3 *db, const es_store_notice *notice, int *upgraded, es_err *err)
{
    int version = 0, tables = 0;
    if (read_int(db, "PRAGMA user_version", &version, err) != 0 ||
        read_int(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", &tables, err) != 0)
        return -1;
    if (version == SCHEMA_VERSION)
        return 0;
    /* Tables but no version: made before versions were recorded. */
    if (version == 0 && tables)
        version = 1;
    *upgraded = version > 0;
    if (version > 0 && notice && notice->fn)
        notice->fn(notice->ctx, upgrade_notice(version));
    if (version == 1 && upgrade_1_to_2(db, err) != 0)
        return -1;
    if (version <= 3 && (es_store_exec(db, VIEWS_AND_INDEXES_OF_3, err) != 0 || upgrade_to_4(db, err) != 0))
        return -1;
    if (version > 0 && es_store_add_sentence_ranges(db, err) != 0)
        return -1;
    if (es_store_exec(db, SENTENCE_SEARCH_OF_5, err) != 0 || es_store_exec(db, FIGURES_AND_SENTENCES_OF_6, err) != 0 ||
        es_store_exec(db, KIND_INDEX_OF_7, err) != 0 || es_store_exec(db, PHRASE_INDEX_OF_9, err) != 0 ||
        es_store_exec(db, COUNTS_OF_10, err) != 0)
        return -1;
    if (version > 0 && es_store_add_phrase_column(db, err) != 0)
        return -1;
    if (es_store_exec(db, es_schema_sql, err) != 0)
        return -1;
    if (version > 0 && version <= 8 && es_store_fill_phrases(db, err) != 0)
        return -1;
    if (version > 0 && es_store_count_figures(db, err) != 0)
        return -1;
    return set_version(db, err);
}

int es_store_schema(sqlite3 *db, const es_store_notice *notice, es_err *err)
{
    int version = 0;
    if (read_int(db, "PRAGMA user_version", &version, err) != 0)
        return -1;
    if (version == SCHEMA_VERSION)
        return 0;
    if (version > SCHEMA_VERSION)
        return es_err_set(err, "made by a newer edushell (database version %d; this one knows up to %d)",
                          version, SCHEMA_VERSION);
    if (es_store_begin(db, err) != 0)
        return -1;
    int upgraded = 0;
    if (es_store_end(db, upgrade_locked(db, notice, &upgraded, err), err) != 0)
        return -1;
    return upgraded;
}
