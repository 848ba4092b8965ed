/* The runs table: one row per report run, written by the store itself so
 * that a read-only connection (a sandboxed report) still records its run. */
#include "store_private.h"

static const char SQL_RUN_START[] =
    "INSERT INTO runs (template, args, started_at, status, output)"
    " VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'running', ?3)";
/* Runs still marked running when a new one starts under the report lock
 * belong to processes that ended without finishing: killed, or ended by
 * the --timeout clock while inside a C function. */
static const char SQL_RUNS_ABANDONED[] =
    "UPDATE runs SET status = 'failed', error = 'ended without finishing (the process was killed"
    " or ended by --timeout)' WHERE status = 'running'";
static const char SQL_RUN_END[] =
    "UPDATE runs SET ended_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), status = ?1, error = ?2"
    " WHERE id = ?3";

/* Runs one statement whose parameters are the texts given (NULL binds
 * NULL) and the id, when id_param is not 0, as parameter id_param. */
static int run_statement(es_store *s, const char *sql, const char *const *texts, int ntexts,
                         int id_param, int64_t id, es_err *err)
{
    sqlite3 *db = es_store_db(s);
    sqlite3_stmt *stmt = NULL;
    es_store_own_write(s, 1);
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    for (int i = 0; rc == SQLITE_OK && i < ntexts; i++)
        rc = sqlite3_bind_text(stmt, i + 1, texts[i], -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK && id_param)
        rc = sqlite3_bind_int64(stmt, id_param, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    sqlite3_finalize(stmt);
    es_store_own_write(s, 0);
    if (rc != SQLITE_OK)
        return es_err_set(err, "recording the run: %s", sqlite3_errmsg(db));
    return 0;
}

int es_store_run_start(es_store *s, const char *template_name, const char *args_json,
                       const char *output, int64_t *id, es_err *err)
{
    const char *texts[] = {template_name, args_json, output};
    if (run_statement(s, SQL_RUNS_ABANDONED, NULL, 0, 0, 0, err) != 0)
        return -1;
    if (run_statement(s, SQL_RUN_START, texts, 3, 0, 0, err) != 0)
        return -1;
    *id = sqlite3_last_insert_rowid(es_store_db(s));
    return 0;
}

int es_store_run_end(es_store *s, int64_t id, const char *error, es_err *err)
{
    const char *texts[] = {error ? "failed" : "ok", error};
    return run_statement(s, SQL_RUN_END, texts, 2, 3, id, err);
}
