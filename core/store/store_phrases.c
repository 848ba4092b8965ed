/* The metric phrases: each distinct phrase once, in metric_phrases, which
 * the indicators name by phrase_id (schema.sql). A corpus has far fewer
 * phrases than figures (a gigabyte: 4.2M figures, some thousands of
 * phrases), so the search index of phrases is written once a phrase and
 * a metric filter reads the figures of the phrases it finds, by an index.
 *
 * The writer gives each figure its phrase's id from a table in memory,
 * valid for one batch: it is emptied when a batch opens, so a rolled-back
 * batch (replay_batch) or another process's writes between batches never
 * leave an id in it that the database does not hold. A phrase is looked
 * up in the database, or added, once a batch. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store_private.h"

static const char SQL_FIND_PHRASE[] = "SELECT id FROM metric_phrases WHERE phrase = ?1";
static const char SQL_ADD_PHRASE[] = "INSERT INTO metric_phrases(phrase) VALUES (?1)";
static const char SQL_INDEX_PHRASE[] = "INSERT INTO metric_phrases_fts(rowid, phrase) VALUES (?1, ?2)";

struct es_phrase_slot {
    char *phrase; /* NULL: empty slot */
    size_t len;
    uint64_t hash;
    sqlite3_int64 id;
};

int es_store_phrases_prepare(sqlite3 *db, es_store_stmts *st, es_err *err)
{
    struct { sqlite3_stmt **stmt; const char *sql; } all[] = {
        {&st->find_phrase, SQL_FIND_PHRASE}, {&st->add_phrase, SQL_ADD_PHRASE}, {&st->index_phrase, SQL_INDEX_PHRASE},
    };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (sqlite3_prepare_v3(db, all[i].sql, -1, SQLITE_PREPARE_PERSISTENT, all[i].stmt, NULL) != SQLITE_OK)
            return es_err_set(err, "preparing statement: %s", sqlite3_errmsg(db));
    return 0;
}

void es_store_phrases_forget(es_phrase_ids *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].phrase);
    if (m->slots)
        memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->n = 0;
}

void es_store_phrases_finalize(es_store_stmts *st)
{
    sqlite3_finalize(st->find_phrase);
    sqlite3_finalize(st->add_phrase);
    sqlite3_finalize(st->index_phrase);
    es_store_phrases_forget(&st->phrases);
    free(st->phrases.slots);
}

/* FNV-1a: phrases are short, and a few thousand a batch. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
    return h;
}

/* The slot holding the phrase, or the empty one where it would go. */
static es_phrase_slot *slot_for(const es_phrase_ids *m, const char *s, size_t len, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    for (;; i = (i + 1) & (m->cap - 1)) {
        es_phrase_slot *e = &m->slots[i];
        if (!e->phrase || (e->hash == h && e->len == len && memcmp(e->phrase, s, len) == 0))
            return e;
    }
}

/* Kept at most half full, so every probe ends at an empty slot soon. */
static void grow(es_phrase_ids *m)
{
    es_phrase_ids bigger = {.cap = m->cap ? 2 * m->cap : 1024, .n = m->n};
    bigger.slots = es_xcalloc(bigger.cap, sizeof *bigger.slots);
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].phrase)
            *slot_for(&bigger, m->slots[i].phrase, m->slots[i].len, m->slots[i].hash) = m->slots[i];
    free(m->slots);
    *m = bigger;
}

/* The id the database gives the phrase, adding it, and to its index,
 * when new. */
static int stored_id(es_store_stmts *st, const char *phrase, size_t len, sqlite3_int64 *id, es_err *err)
{
    sqlite3_bind_text64(st->find_phrase, 1, phrase, len, SQLITE_STATIC, SQLITE_UTF8);
    int rc = sqlite3_step(st->find_phrase);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(st->find_phrase, 0);
    sqlite3_reset(st->find_phrase);
    sqlite3_clear_bindings(st->find_phrase);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return es_err_set(err, "%s", sqlite3_errmsg(sqlite3_db_handle(st->find_phrase)));
    sqlite3_bind_text64(st->add_phrase, 1, phrase, len, SQLITE_STATIC, SQLITE_UTF8);
    if (es_store_step_done(st->add_phrase, err) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(sqlite3_db_handle(st->add_phrase));
    sqlite3_bind_int64(st->index_phrase, 1, *id);
    sqlite3_bind_text64(st->index_phrase, 2, phrase, len, SQLITE_STATIC, SQLITE_UTF8);
    return es_store_step_done(st->index_phrase, err);
}

int es_store_phrase_id(es_store_stmts *st, const char *phrase, sqlite3_int64 *id, es_err *err)
{
    es_phrase_ids *m = &st->phrases;
    size_t len = strlen(phrase);
    uint64_t h = hash_bytes(phrase, len);
    if (2 * (m->n + 1) > m->cap)
        grow(m);
    es_phrase_slot *e = slot_for(m, phrase, len, h);
    if (e->phrase) {
        *id = e->id;
        return 0;
    }
    if (stored_id(st, phrase, len, id, err) != 0)
        return -1;
    *e = (es_phrase_slot){.phrase = es_xstrndup(phrase, len), .len = len, .hash = h, .id = *id};
    m->n++;
    return 0;
}

/* Indicators stored before version 9 named their phrase only as text. */
static const char SQL_ADD_PHRASE_COLUMN[] = "ALTER TABLE indicators ADD COLUMN phrase_id INTEGER;";
static const char SQL_FILL_PHRASES[] =
    "INSERT OR IGNORE INTO metric_phrases(phrase)"
    " SELECT DISTINCT metric FROM indicators WHERE phrase_id IS NULL ORDER BY metric;"
    "UPDATE indicators SET phrase_id = (SELECT p.id FROM metric_phrases p WHERE p.phrase = indicators.metric)"
    " WHERE phrase_id IS NULL;"
    "INSERT INTO metric_phrases_fts(metric_phrases_fts) VALUES ('rebuild');";

int es_store_add_phrase_column(sqlite3 *db, es_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('indicators') WHERE name = 'phrase_id'",
                           -1, &st, NULL) != SQLITE_OK)
        return es_err_set(err, "%s", sqlite3_errmsg(db));
    int has = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
    sqlite3_finalize(st);
    return has ? 0 : es_store_exec(db, SQL_ADD_PHRASE_COLUMN, err);
}

int es_store_fill_phrases(sqlite3 *db, es_err *err) { return es_store_exec(db, SQL_FILL_PHRASES, err); }
