/* Writing one document's rows with reused prepared statements. Every value
 * is bound as a parameter. */
#include "store_private.h"

#include "edushell/base/json.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_FIND_BY_KEY[] = "SELECT id, sha256 FROM documents WHERE path = ?1";
static const char SQL_FIND_BY_HASH[] = "SELECT id FROM documents WHERE sha256 = ?1 LIMIT 1";
static const char SQL_DELETE_DOC[] = "DELETE FROM documents WHERE id = ?1";
static const char SQL_INSERT_DOC[] =
    "INSERT INTO documents(path, name, sha256, format, encoding, title, region, region_level,"
    " province, year, kind, issuer, issued, meta, text, first_sentence, last_sentence)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
static const char SQL_INSERT_SECTION[] =
    "INSERT INTO section_spans(doc_id, seq, level, parent_seq, start, end)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
/* Sentences are written many rows to a statement. A row of one is little
 * more than the statement's own work (its cursor opened, the place
 * sought, the statement reset): one row to a statement took 1.3 s of the
 * writer's 5.6 s of CPU at 100 MiB, 32 to a statement take 0.9 s. Figures
 * are written one to a statement: many took longer (each row goes to five
 * indexes besides, and a statement of many rows copies each row's values
 * once more). */
static const char SQL_INSERT_SENTENCE[] =
    "INSERT INTO sentence_spans(doc_id, seq, section_seq, paragraph, start, end, id) VALUES ";
static const char SENTENCE_ROW[] = "(?, ?, ?, ?, ?, ?, ?)";
enum { SENTENCE_COLUMNS = 7, SENTENCES_AT_ONCE = 32 };
/* A document's figures of one canonical metric added to its count: the
 * document's figures are counted in memory (reading them back from the
 * index by document took twice as long). */
static const char SQL_COUNT_DOC[] =
    "INSERT INTO metric_counts(metric_id, n) VALUES (?1, ?2)"
    " ON CONFLICT(metric_id) DO UPDATE SET n = n + excluded.n";
static const char SQL_COUNT_ALL[] =
    "DELETE FROM metric_counts;"
    "INSERT INTO metric_counts(metric_id, n)"
    " SELECT metric_id, count(*) FROM indicators WHERE metric_id IS NOT NULL GROUP BY metric_id;";
static const char SQL_INSERT_INDICATOR[] =
    "INSERT INTO indicators(doc_id, sentence_id, start, end, number, metric, value, value_hi,"
    " unit, kind, cmp, scope, year, metric_id, period_start, period_end, basis, subject,"
    " table_seq, cell_row, cell_col, sheet, page, phrase_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24)";

/* "INSERT ... VALUES " and `rows` times the row's parameters. */
static char *insert_rows_sql(const char *head, const char *row, int rows)
{
    es_buf b = {0};
    es_buf_puts(&b, head);
    for (int r = 0; r < rows; r++) {
        if (r)
            es_buf_putc(&b, ',');
        es_buf_puts(&b, row);
    }
    return es_buf_take(&b, NULL);
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, es_err *err)
{
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
        return es_err_set(err, "preparing statement: %s", sqlite3_errmsg(db));
    return 0;
}

/* The statement writing SENTENCES_AT_ONCE sentences, and its one-row form. */
static int prepare_sentence_inserts(sqlite3 *db, es_store_stmts *st, es_err *err)
{
    char *one = insert_rows_sql(SQL_INSERT_SENTENCE, SENTENCE_ROW, 1);
    char *many = insert_rows_sql(SQL_INSERT_SENTENCE, SENTENCE_ROW, SENTENCES_AT_ONCE);
    int rc = prepare(db, one, &st->insert_sentence, err) == 0 && prepare(db, many, &st->insert_sentences, err) == 0
                 ? 0
                 : -1;
    free(one);
    free(many);
    return rc;
}

int es_store_stmts_prepare(sqlite3 *db, es_store_stmts *st, es_err *err)
{
    struct { sqlite3_stmt **stmt; const char *sql; } all[] = {
        {&st->find_by_key, SQL_FIND_BY_KEY},       {&st->find_by_hash, SQL_FIND_BY_HASH},
        {&st->delete_doc, SQL_DELETE_DOC},         {&st->insert_doc, SQL_INSERT_DOC},
        {&st->insert_section, SQL_INSERT_SECTION}, {&st->insert_indicator, SQL_INSERT_INDICATOR},
        {&st->count_doc, SQL_COUNT_DOC},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (prepare(db, all[i].sql, all[i].stmt, err) != 0)
            return -1;
    if (prepare_sentence_inserts(db, st, err) != 0)
        return -1;
    return es_store_phrases_prepare(db, st, err);
}

void es_store_stmts_finalize(es_store_stmts *st)
{
    sqlite3_stmt *all[] = {st->find_by_key, st->find_by_hash, st->delete_doc, st->insert_doc,
                           st->insert_section, st->insert_sentence, st->insert_sentences,
                           st->insert_indicator, st->count_doc};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    es_store_phrases_finalize(st);
    memset(st, 0, sizeof *st);
}

int es_store_step_done(sqlite3_stmt *stmt, es_err *err)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return es_err_set(err, "%s", sqlite3_errmsg(sqlite3_db_handle(stmt)));
    return 0;
}

/* Every statement here is stepped at once and its bindings cleared after
 * (es_store_step_done), so SQLite may read the caller's bytes in place:
 * copying them would copy every document's text once more. */
static void bind_text(sqlite3_stmt *s, int i, const char *v, size_t len)
{
    if (v)
        sqlite3_bind_text64(s, i, v, len, SQLITE_STATIC, SQLITE_UTF8);
    else
        sqlite3_bind_null(s, i);
}

static void bind_str(sqlite3_stmt *s, int i, const char *v) { bind_text(s, i, v, v ? strlen(v) : 0); }

es_found es_store_find(es_store_stmts *st, const char *key, const char *sha256, sqlite3_int64 *id)
{
    es_found found = ES_FOUND_NONE;
    bind_str(st->find_by_key, 1, key);
    if (sqlite3_step(st->find_by_key) == SQLITE_ROW) {
        const char *stored = (const char *)sqlite3_column_text(st->find_by_key, 1);
        found = stored && strcmp(stored, sha256) == 0 ? ES_FOUND_SAME : ES_FOUND_CHANGED;
        if (id)
            *id = sqlite3_column_int64(st->find_by_key, 0);
    }
    sqlite3_reset(st->find_by_key);
    sqlite3_clear_bindings(st->find_by_key);
    if (found != ES_FOUND_NONE)
        return found;
    bind_str(st->find_by_hash, 1, sha256);
    if (sqlite3_step(st->find_by_hash) == SQLITE_ROW)
        found = ES_FOUND_ELSEWHERE;
    sqlite3_reset(st->find_by_hash);
    sqlite3_clear_bindings(st->find_by_hash);
    return found;
}

int es_store_delete_doc(es_store_stmts *st, sqlite3_int64 id, es_err *err)
{
    sqlite3_bind_int64(st->delete_doc, 1, id);
    return es_store_step_done(st->delete_doc, err);
}

/* CSV columns other than full_text, as a JSON object. */
static char *meta_json(const es_source *src)
{
    if (!src->nmeta)
        return NULL;
    es_buf b = {0};
    es_buf_putc(&b, '{');
    for (size_t i = 0; i < src->nmeta; i++) {
        if (i)
            es_buf_putc(&b, ',');
        es_json_string(&b, src->meta[i].key, strlen(src->meta[i].key));
        es_buf_putc(&b, ':');
        es_json_string(&b, src->meta[i].value, strlen(src->meta[i].value));
    }
    es_buf_putc(&b, '}');
    return es_buf_take(&b, NULL);
}

/* The document's sentences will take the ids from first_sentence on. */
static int insert_document_row(es_store_stmts *st, const char *key, const es_document *doc,
                               sqlite3_int64 first_sentence, es_err *err)
{
    const es_source *src = doc->src;
    const es_meta *m = &doc->meta;
    sqlite3_stmt *s = st->insert_doc;
    char *meta = meta_json(src);
    bind_str(s, 1, key);
    bind_str(s, 2, src->name);
    bind_str(s, 3, doc->sha256);
    bind_str(s, 4, es_format_name(src->format));
    bind_str(s, 5, es_encoding_name(src->encoding));
    bind_str(s, 6, m->title);
    bind_str(s, 7, m->region);
    bind_str(s, 8, m->region_level);
    bind_str(s, 9, m->province);
    if (m->year)
        sqlite3_bind_int(s, 10, m->year);
    bind_str(s, 11, m->kind);
    bind_str(s, 12, m->issuer);
    bind_str(s, 13, m->issued);
    bind_str(s, 14, meta);
    bind_text(s, 15, src->text, src->len);
    if (doc->structure.nsentences) {
        sqlite3_bind_int64(s, 16, first_sentence);
        sqlite3_bind_int64(s, 17, first_sentence + (sqlite3_int64)doc->structure.nsentences - 1);
    }
    int rc = es_store_step_done(s, err);
    free(meta);
    return rc;
}

static int insert_sections(es_store_stmts *st, sqlite3_int64 doc_id, const es_document *doc, es_err *err)
{
    const es_structure *ss = &doc->structure;
    sqlite3_stmt *s = st->insert_section;
    for (size_t i = 0; i < ss->nsections; i++) {
        const es_section *sec = &ss->sections[i];
        sqlite3_bind_int64(s, 1, doc_id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int(s, 3, sec->level);
        if (sec->parent >= 0)
            sqlite3_bind_int64(s, 4, sec->parent);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)sec->start);
        sqlite3_bind_int64(s, 6, (sqlite3_int64)sec->end);
        if (es_store_step_done(s, err) != 0)
            return -1;
    }
    return 0;
}

/* One sentence's columns, from parameter `at` on (SENTENCE_COLUMNS). */
static void bind_sentence(sqlite3_stmt *s, int at, sqlite3_int64 doc_id, size_t seq, const es_sentence *sen,
                          sqlite3_int64 id)
{
    sqlite3_bind_int64(s, at + 1, doc_id);
    sqlite3_bind_int64(s, at + 2, (sqlite3_int64)seq);
    if (sen->section >= 0)
        sqlite3_bind_int64(s, at + 3, sen->section);
    sqlite3_bind_int64(s, at + 4, (sqlite3_int64)sen->paragraph);
    sqlite3_bind_int64(s, at + 5, (sqlite3_int64)sen->start);
    sqlite3_bind_int64(s, at + 6, (sqlite3_int64)sen->end);
    sqlite3_bind_int64(s, at + 7, id);
}

/* Inserts the sentences with ids from *next on, in a row: SENTENCES_AT_ONCE
 * to a statement while there are as many left, then one at a time. */
static int insert_sentences(es_store_stmts *st, sqlite3_int64 doc_id, const es_document *doc,
                            sqlite3_int64 *next, es_err *err)
{
    const es_structure *ss = &doc->structure;
    for (size_t i = 0; i < ss->nsentences;) {
        size_t take = ss->nsentences - i >= SENTENCES_AT_ONCE ? SENTENCES_AT_ONCE : 1;
        sqlite3_stmt *s = take > 1 ? st->insert_sentences : st->insert_sentence;
        for (size_t k = 0; k < take; k++, i++)
            bind_sentence(s, (int)k * SENTENCE_COLUMNS, doc_id, i, &ss->sentences[i], (*next)++);
        if (es_store_step_done(s, err) != 0)
            return -1;
    }
    return 0;
}

/* The years a figure covers: its own period, else the year alone. */
static void bind_period(sqlite3_stmt *s, const es_indicator *ind, int year)
{
    int first = ind->period_start ? ind->period_start : year;
    int last = ind->period_end ? ind->period_end : year;
    if (first)
        sqlite3_bind_int(s, 15, first);
    if (last)
        sqlite3_bind_int(s, 16, last);
    bind_str(s, 17, es_basis_name(ind->basis));
}

/* Where in a table a figure stands; all NULL for running text. */
static void bind_cell(sqlite3_stmt *s, const es_indicator *ind)
{
    if (!ind->table)
        return;
    sqlite3_bind_int(s, 19, ind->table - 1);
    sqlite3_bind_int64(s, 20, ind->row);
    sqlite3_bind_int64(s, 21, ind->col);
    bind_str(s, 22, ind->sheet);
}

static int insert_indicator(es_store_stmts *st, sqlite3_int64 doc_id, sqlite3_int64 sentence_id,
                            const es_document *doc, const es_indicator *ind, es_err *err)
{
    const char *metric = ind->metric ? ind->metric : "";
    sqlite3_int64 phrase_id;
    if (es_store_phrase_id(st, metric, &phrase_id, err) != 0)
        return -1;
    sqlite3_stmt *s = st->insert_indicator;
    bind_str(s, 14, ind->metric_id);
    sqlite3_bind_int64(s, 1, doc_id);
    if (sentence_id)
        sqlite3_bind_int64(s, 2, sentence_id);
    sqlite3_bind_int64(s, 3, (sqlite3_int64)ind->start);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)ind->end);
    bind_text(s, 5, doc->src->text + ind->start, ind->end - ind->start);
    bind_str(s, 6, metric);
    sqlite3_bind_double(s, 7, ind->value);
    if (ind->has_hi)
        sqlite3_bind_double(s, 8, ind->value_hi);
    bind_str(s, 9, ind->unit);
    bind_str(s, 10, es_ind_kind_name(ind->kind));
    bind_str(s, 11, ind->cmp[0] ? ind->cmp : "=");
    if (ind->scope[0])
        bind_str(s, 12, ind->scope);
    int year = ind->year ? ind->year : doc->meta.year;
    if (year)
        sqlite3_bind_int(s, 13, year);
    bind_period(s, ind, year);
    bind_str(s, 18, ind->subject);
    bind_cell(s, ind);
    if (ind->page)
        sqlite3_bind_int(s, 23, ind->page);
    sqlite3_bind_int64(s, 24, phrase_id);
    return es_store_step_done(s, err);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds the document's figures to the counts by canonical metric. */
static int count_figures(es_store_stmts *st, const es_document *doc, es_err *err)
{
    const es_indicator_list *list = &doc->indicators;
    const char **ids = es_xmalloc((list->n ? list->n : 1) * sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++)
        if (list->items[i].metric_id)
            ids[n++] = list->items[i].metric_id;
    qsort(ids, n, sizeof *ids, by_name);
    int rc = 0;
    for (size_t i = 0, same; rc == 0 && i < n; i += same) {
        for (same = 1; i + same < n && strcmp(ids[i], ids[i + same]) == 0; same++)
            ;
        bind_str(st->count_doc, 1, ids[i]);
        sqlite3_bind_int64(st->count_doc, 2, (sqlite3_int64)same);
        rc = es_store_step_done(st->count_doc, err);
    }
    free(ids);
    return rc;
}

int es_store_insert_doc(es_store_stmts *st, const char *key, const es_document *doc, sqlite3_int64 *doc_id,
                        sqlite3_int64 *next_sentence, es_err *err)
{
    sqlite3_int64 first_sentence = *next_sentence;
    if (insert_document_row(st, key, doc, first_sentence, err) != 0)
        return -1;
    *doc_id = sqlite3_last_insert_rowid(sqlite3_db_handle(st->insert_doc));
    size_t nsent = doc->structure.nsentences;
    int rc = insert_sections(st, *doc_id, doc, err);
    if (rc == 0)
        rc = insert_sentences(st, *doc_id, doc, next_sentence, err);
    for (size_t i = 0; rc == 0 && i < doc->indicators.n; i++) {
        const es_indicator *ind = &doc->indicators.items[i];
        sqlite3_int64 sid = ind->sentence < nsent ? first_sentence + (sqlite3_int64)ind->sentence : 0;
        rc = insert_indicator(st, *doc_id, sid, doc, ind, err);
    }
    if (rc == 0)
        rc = count_figures(st, doc, err);
    return rc;
}

int es_store_count_figures(sqlite3 *db, es_err *err) { return es_store_exec(db, SQL_COUNT_ALL, err); }
