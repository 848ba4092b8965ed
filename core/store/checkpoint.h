/* The checkpointer (private to the store): folds the database's
 * write-ahead log into the database on a thread of its own, while a load
 * writes its next batch.
 *
 * Why: SQLite folds the log on the committing connection once it passes a
 * thousand pages, which after every batch of a load it does. Folding
 * copies the batch's pages into the database and waits for both files to
 * reach the disk (synchronous=NORMAL): at 100 MiB a seventh of the
 * writer's time, most of it waiting, not computing. On a connection of its
 * own the wait overlaps the next batch.
 *
 * The log can only start again from its beginning when everything in it
 * has been folded as a write begins; with the writer always ahead it never
 * would. So the writer waits for the checkpointer (es_checkpointer_wait)
 * when the log has grown past ES_STORE_LOG_LIMIT, and the next batch starts
 * the log again: the log stays under the limit plus one batch. */
#ifndef EDUSHELL_STORE_CHECKPOINT_H
#define EDUSHELL_STORE_CHECKPOINT_H

#include <sqlite3.h>

#include "edushell/base/common.h"

/* Bytes of log past which a new batch waits for the log to be folded. */
#define ES_STORE_LOG_LIMIT (512LL * 1024 * 1024)

typedef struct es_checkpointer es_checkpointer;

/* A connection of its own to the database at db_path; no thread yet. */
es_checkpointer *es_checkpointer_open(const char *db_path, es_err *err);
/* Has the thread fold what was committed (started on first call). */
void es_checkpointer_poke(es_checkpointer *cp);
/* Waits until the thread has folded everything committed before the
 * latest poke (as far as readers allow: a log frame a reader may still
 * need stays until it is done). */
void es_checkpointer_wait(es_checkpointer *cp);
/* Waits, stops the thread and closes its connection. */
void es_checkpointer_close(es_checkpointer *cp);

#endif
