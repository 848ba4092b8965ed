/* The checkpointer: the database's write-ahead log folded into it on a
 * thread of its own (checkpoint.h says why). */
#include <stdlib.h>

#include "checkpoint.h"
#include "worker.h"

struct es_checkpointer {
    sqlite3 *db;          /* used by the worker alone */
    es_worker worker;     /* the thread folding */
};

static int fold(void *cp, es_err *err);

es_checkpointer *es_checkpointer_open(const char *db_path, es_err *err)
{
    sqlite3 *db = NULL;
    /* A connection learns that the file is in WAL mode, and opens its log,
     * by reading it: until then a checkpoint does nothing. */
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "SELECT 1 FROM sqlite_schema LIMIT 1", NULL, NULL, NULL) != SQLITE_OK) {
        es_err_set(err, "%s", db ? sqlite3_errmsg(db) : "cannot open database");
        sqlite3_close(db);
        return NULL;
    }
    es_checkpointer *cp = es_xcalloc(1, sizeof *cp);
    cp->db = db;
    es_worker_init(&cp->worker, fold, cp, 0);
    return cp;
}

/* A passive fold: it copies what no reader still needs and never waits
 * for a lock, so the writer is never held up by it. A failure (the disk
 * full, say) leaves the frames in the log, where they are as safe as the
 * database; the next fold, or the close of the last connection, tries
 * again. */
static int fold(void *arg, es_err *err)
{
    (void)err;
    es_checkpointer *cp = arg;
    sqlite3_wal_checkpoint_v2(cp->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    return 0;
}

void es_checkpointer_poke(es_checkpointer *cp) { es_worker_poke(&cp->worker); }

void es_checkpointer_wait(es_checkpointer *cp) { es_worker_wait(&cp->worker, NULL); }

void es_checkpointer_close(es_checkpointer *cp)
{
    if (!cp)
        return;
    es_worker_stop(&cp->worker, NULL);
    sqlite3_close(cp->db);
    free(cp);
}
