/* The canonical metric table in the database, and linking indicators to it. */
#include <stdlib.h>
#include <string.h>

#include "edushell/base/sha256.h"
#include "store_private.h"

static int fail(sqlite3 *db, sqlite3_stmt *st, es_err *err)
{
    es_err_set(err, "metrics: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return -1;
}

static char *join_aliases(const es_metric_def *d)
{
    es_buf b = {0};
    for (size_t i = 0; i < d->naliases; i++) {
        if (i)
            es_buf_putc(&b, '|');
        es_buf_puts(&b, d->aliases[i]);
    }
    return es_buf_take(&b, NULL);
}

static int upsert_metric(sqlite3 *db, const es_metric_def *d, const char *origin, es_err *err)
{
    sqlite3_stmt *st;
    /* An analyst's definition of an id wins over the file's. */
    const char *sql = strcmp(origin, "user") == 0
        ? "INSERT OR REPLACE INTO metrics(id, name, aliases, category, unit, direction, origin)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
        : "INSERT OR IGNORE INTO metrics(id, name, aliases, category, unit, direction, origin)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(db, NULL, err);
    char *aliases = join_aliases(d);
    const char *vals[] = {d->id, d->name, aliases, d->category, d->unit, d->direction, origin};
    for (int i = 0; i < 7; i++)
        sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    free(aliases);
    if (rc != SQLITE_DONE)
        return fail(db, st, err);
    sqlite3_finalize(st);
    return 0;
}

/* Reads every stored definition into `t`. */
static int read_table(sqlite3 *db, es_metric_table *t, es_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id, name, aliases, category, unit, direction FROM metrics"
                           " ORDER BY origin = 'user', id", /* analysts' last: they win ties */
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, NULL, err);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *col[6];
        for (int i = 0; i < 6; i++)
            col[i] = (const char *)sqlite3_column_text(st, i);
        char *list = es_xstrdup(col[2] ? col[2] : "");
        const char *aliases[64];
        size_t n = 0;
        char *save = NULL;
        for (char *a = strtok_r(list, "|", &save); a && n < 64; a = strtok_r(NULL, "|", &save))
            aliases[n++] = a;
        es_metrics_put(t, col[0], col[1], aliases, n, col[3], col[4], col[5]);
        free(list);
    }
    if (rc != SQLITE_DONE)
        return fail(db, st, err);
    sqlite3_finalize(st);
    return 0;
}

static char *table_fingerprint(const es_metric_table *t)
{
    es_buf b = {0};
    for (size_t i = 0; i < t->n; i++) {
        char *aliases = join_aliases(&t->items[i]);
        es_buf_printf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", t->items[i].id, t->items[i].name, aliases,
                      t->items[i].category, t->items[i].unit, t->items[i].direction);
        free(aliases);
    }
    char hex[65];
    es_sha256_hex(b.data ? b.data : "", b.len, hex);
    es_buf_free(&b);
    return es_xstrdup(hex);
}

static char *get_setting(sqlite3 *db, const char *key)
{
    sqlite3_stmt *st;
    char *value = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM settings WHERE key = ?1", -1, &st, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        value = es_xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return value;
}

static int set_setting(sqlite3 *db, const char *key, const char *value, es_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO settings(key, value) VALUES (?1, ?2)", -1, &st,
                           NULL) != SQLITE_OK)
        return fail(db, NULL, err);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        return fail(db, st, err);
    sqlite3_finalize(st);
    return 0;
}

/* Relinks inside the caller's transaction, then counts the figures by
 * metric again. */
static int relink(es_store *s, es_err *err)
{
    sqlite3 *db = es_store_db(s);
    sqlite3_stmt *sel, *upd;
    if (sqlite3_prepare_v2(db, "SELECT id, metric, unit, metric_id FROM indicators", -1, &sel, NULL) != SQLITE_OK)
        return fail(db, NULL, err);
    if (sqlite3_prepare_v2(db, "UPDATE indicators SET metric_id = ?1 WHERE id = ?2", -1, &upd, NULL) != SQLITE_OK) {
        sqlite3_finalize(sel);
        return fail(db, NULL, err);
    }
    const es_metric_table *t = es_store_metrics(s);
    int rc;
    while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *id = es_metrics_match(t, (const char *)sqlite3_column_text(sel, 1),
                                          (const char *)sqlite3_column_text(sel, 2));
        const char *old = (const char *)sqlite3_column_text(sel, 3);
        if ((!id && !old) || (id && old && strcmp(id, old) == 0))
            continue;
        if (id)
            sqlite3_bind_text(upd, 1, id, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(upd, 1);
        sqlite3_bind_int64(upd, 2, sqlite3_column_int64(sel, 0));
        if (sqlite3_step(upd) != SQLITE_DONE)
            break;
        sqlite3_reset(upd);
    }
    sqlite3_finalize(upd);
    if (rc != SQLITE_DONE)
        return fail(db, sel, err);
    sqlite3_finalize(sel);
    return es_store_count_figures(db, err);
}

int es_store_relink_metrics(es_store *s, es_err *err)
{
    sqlite3 *db = es_store_db(s);
    if (es_store_begin(db, err) != 0)
        return -1;
    return es_store_end(db, relink(s, err), err);
}

/* Replaces the in-memory table with the database's. */
static int reload_table(es_store *s, es_err *err)
{
    es_metric_table *t = es_store_metric_table(s);
    es_metrics_free(t);
    s->metrics_read = read_table(es_store_db(s), t, err) == 0;
    return s->metrics_read ? 0 : -1;
}

const es_metric_table *es_store_metrics(es_store *s)
{
    if (!s->metrics_read)
        reload_table(s, NULL);
    return es_store_metric_table(s);
}

/* Reloads the table and relinks when its fingerprint differs from the one
 * the indicators were linked with. */
static int reload_and_relink(es_store *s, es_err *err)
{
    sqlite3 *db = es_store_db(s);
    if (reload_table(s, err) != 0)
        return -1;
    es_metric_table *t = es_store_metric_table(s);
    char *now = table_fingerprint(t);
    char *linked = get_setting(db, "metrics_fingerprint");
    int rc = 0;
    if (!linked || strcmp(now, linked) != 0)
        rc = relink(s, err) == 0 ? set_setting(db, "metrics_fingerprint", now, err) : -1;
    free(now);
    free(linked);
    return rc;
}

/* What metrics_file_sha256 holds: the file's bytes' hash and the table
 * fingerprint they were synced as, so that a sync by anything that does
 * not record the hash (changing only the fingerprint) makes it stale. */
static char *file_record(const char *file_sha256, const char *table_print)
{
    es_buf b = {0};
    es_buf_printf(&b, "%s %s", file_sha256, table_print);
    return es_buf_take(&b, NULL);
}

int es_store_metrics_file_synced(es_store *s, const char *file_sha256)
{
    sqlite3 *db = es_store_db(s);
    char *recorded = get_setting(db, "metrics_file_sha256");
    char *print = recorded ? get_setting(db, "metrics_file_fingerprint") : NULL;
    char *expected = print ? file_record(file_sha256, print) : NULL;
    int same = expected && strcmp(recorded, expected) == 0;
    free(recorded);
    free(print);
    free(expected);
    return same;
}

int es_store_sync_metrics_file(es_store *s, const es_metric_table *from_file, const char *file_sha256,
                               int writing, es_err *err)
{
    sqlite3 *db = es_store_db(s);
    /* Most opens find the file as it was: write nothing. */
    char *file_print = table_fingerprint(from_file);
    char *synced = get_setting(db, "metrics_file_fingerprint");
    int same = synced && strcmp(file_print, synced) == 0;
    free(synced);
    if (same && !(writing && file_sha256)) {
        free(file_print);
        return 0;
    }
    if (es_store_begin(db, err) != 0) {
        free(file_print);
        return -1;
    }
    int rc = 0;
    if (!same) {
        rc = es_store_exec(db, "DELETE FROM metrics WHERE origin = 'file'", err);
        for (size_t i = 0; rc == 0 && i < from_file->n; i++)
            rc = upsert_metric(db, &from_file->items[i], "file", err);
        if (rc == 0)
            rc = reload_and_relink(s, err);
        if (rc == 0)
            rc = set_setting(db, "metrics_file_fingerprint", file_print, err);
    }
    if (rc == 0 && file_sha256) {
        char *record = file_record(file_sha256, file_print);
        rc = set_setting(db, "metrics_file_sha256", record, err);
        free(record);
    }
    free(file_print);
    return es_store_end(db, rc, err);
}

int es_store_sync_metrics(es_store *s, const es_metric_table *from_file, es_err *err)
{
    return es_store_sync_metrics_file(s, from_file, NULL, 0, err);
}

int es_store_define_metric(es_store *s, const char *id, const char *name, const char *const *aliases,
                           size_t naliases, const char *category, const char *unit,
                           const char *direction, es_err *err)
{
    if (direction && *direction && strcmp(direction, "higher") != 0 && strcmp(direction, "lower") != 0)
        return es_err_set(err, "direction must be 'higher' or 'lower'");
    es_metric_table one = {0};
    es_metrics_put(&one, id, name, aliases, naliases, category, unit, direction);
    sqlite3 *db = es_store_db(s);
    int rc = es_store_begin(db, err);
    if (rc == 0) {
        rc = upsert_metric(db, &one.items[0], "user", err);
        if (rc == 0)
            rc = reload_and_relink(s, err);
        rc = es_store_end(db, rc, err);
    }
    es_metrics_free(&one);
    return rc;
}
