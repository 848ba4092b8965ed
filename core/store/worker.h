/* A thread that does one piece of work again each time it is poked, and
 * that can be waited for (private to the store): the indexer's and the
 * checkpointer's. Pokes that come while it works are done together in
 * its next run. */
#ifndef EDUSHELL_STORE_WORKER_H
#define EDUSHELL_STORE_WORKER_H

#include <pthread.h>

#include "edushell/base/common.h"

/* The work: 0, or -1 with the reason in err. */
typedef int (*es_work_fn)(void *ctx, es_err *err);

typedef struct es_worker {
    es_work_fn work;
    void *ctx;
    int niceness;          /* how much less than the others' the thread's priority is */
    pthread_mutex_t lock;
    pthread_cond_t wake, idle;
    pthread_t thread;
    int started;           /* the thread runs */
    int asked, busy, stop; /* under lock: poked since the last run; running; stopping */
    char *failure;         /* under lock: the first failure since the last wait */
} es_worker;

void es_worker_init(es_worker *w, es_work_fn work, void *ctx, int niceness);
/* Has the thread do the work (started on first call); when no thread can
 * be had, the caller does it. */
void es_worker_poke(es_worker *w);
/* Waits until every poke's work is done; its first failure since the last
 * wait, if any, goes to err. */
int es_worker_wait(es_worker *w, es_err *err);
/* Waits as es_worker_wait, then stops the thread and frees what it holds. */
int es_worker_stop(es_worker *w, es_err *err);

#endif
