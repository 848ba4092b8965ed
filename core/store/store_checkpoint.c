/* The checkpointer: the database's write-ahead log folded into it on a
 * thread of its own (checkpoint.h says why). */
#include <pthread.h>
#include <stdlib.h>

#include "checkpoint.h"

struct es_checkpointer {
    sqlite3 *db;          /* used by the thread alone once it runs */
    pthread_mutex_t lock;
    pthread_cond_t wake, idle;
    pthread_t thread;
    int started;          /* the thread runs */
    int asked, busy, stop; /* under lock: poked since the last fold; folding; stopping */
};

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
    pthread_mutex_init(&cp->lock, NULL);
    pthread_cond_init(&cp->wake, NULL);
    pthread_cond_init(&cp->idle, NULL);
    return cp;
}

/* A passive fold: it copies what no reader still needs and never waits
 * for a lock, so the writer is never held up by it. A failure (the disk
 * full, say) leaves the frames in the log, where they are as safe as the
 * database; the next fold, or the close of the last connection, tries
 * again. */
static void fold(es_checkpointer *cp)
{
    sqlite3_wal_checkpoint_v2(cp->db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
}

static void *checkpointer_main(void *arg)
{
    es_checkpointer *cp = arg;
    pthread_mutex_lock(&cp->lock);
    for (;;) {
        while (!cp->asked && !cp->stop)
            pthread_cond_wait(&cp->wake, &cp->lock);
        if (!cp->asked)
            break;
        cp->asked = 0;
        cp->busy = 1;
        pthread_mutex_unlock(&cp->lock);
        fold(cp);
        pthread_mutex_lock(&cp->lock);
        cp->busy = 0;
        pthread_cond_broadcast(&cp->idle);
    }
    pthread_mutex_unlock(&cp->lock);
    return NULL;
}

void es_checkpointer_poke(es_checkpointer *cp)
{
    pthread_mutex_lock(&cp->lock);
    if (!cp->started && pthread_create(&cp->thread, NULL, checkpointer_main, cp) == 0)
        cp->started = 1;
    cp->asked = cp->started;
    pthread_cond_signal(&cp->wake);
    pthread_mutex_unlock(&cp->lock);
    if (!cp->started)
        fold(cp); /* no thread to be had: the caller folds */
}

void es_checkpointer_wait(es_checkpointer *cp)
{
    pthread_mutex_lock(&cp->lock);
    while (cp->started && (cp->asked || cp->busy))
        pthread_cond_wait(&cp->idle, &cp->lock);
    pthread_mutex_unlock(&cp->lock);
}

void es_checkpointer_close(es_checkpointer *cp)
{
    if (!cp)
        return;
    es_checkpointer_wait(cp);
    if (cp->started) {
        pthread_mutex_lock(&cp->lock);
        cp->stop = 1;
        pthread_cond_signal(&cp->wake);
        pthread_mutex_unlock(&cp->lock);
        pthread_join(cp->thread, NULL);
    }
    sqlite3_close(cp->db);
    pthread_cond_destroy(&cp->wake);
    pthread_cond_destroy(&cp->idle);
    pthread_mutex_destroy(&cp->lock);
    free(cp);
}
