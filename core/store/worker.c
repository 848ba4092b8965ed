/* A thread that does one piece of work again each time it is poked
 * (worker.h). */
#include "worker.h"

#include <stdlib.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

void es_worker_init(es_worker *w, es_work_fn work, void *ctx, int niceness)
{
    *w = (es_worker){.work = work, .ctx = ctx, .niceness = niceness};
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    pthread_cond_init(&w->idle, NULL);
}

/* Lowers the calling thread's priority. Linux gives each thread a nice
 * value of its own (setpriority on its id); elsewhere it would lower the
 * whole process's, so it is left alone there. A failure changes nothing
 * but the order in which threads run. */
static void lower_priority(int niceness)
{
#ifdef __linux__
    if (niceness)
        setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), niceness);
#else
    (void)niceness;
#endif
}

/* Does the work once; under lock on entry and return. */
static void run_locked(es_worker *w)
{
    w->asked = 0;
    w->busy = 1;
    pthread_mutex_unlock(&w->lock);
    es_err why = {{0}};
    int rc = w->work(w->ctx, &why);
    pthread_mutex_lock(&w->lock);
    w->busy = 0;
    if (rc != 0 && !w->failure)
        w->failure = es_xstrdup(why.msg);
}

static void *worker_main(void *arg)
{
    es_worker *w = arg;
    lower_priority(w->niceness);
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->asked && !w->stop)
            pthread_cond_wait(&w->wake, &w->lock);
        if (!w->asked)
            break;
        run_locked(w);
        pthread_cond_broadcast(&w->idle);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

void es_worker_poke(es_worker *w)
{
    pthread_mutex_lock(&w->lock);
    if (!w->started && pthread_create(&w->thread, NULL, worker_main, w) == 0)
        w->started = 1;
    w->asked = 1;
    if (w->started)
        pthread_cond_signal(&w->wake);
    else
        run_locked(w); /* no thread to be had: the caller does the work */
    pthread_mutex_unlock(&w->lock);
}

int es_worker_wait(es_worker *w, es_err *err)
{
    pthread_mutex_lock(&w->lock);
    while (w->started && (w->asked || w->busy))
        pthread_cond_wait(&w->idle, &w->lock);
    char *failure = w->failure;
    w->failure = NULL;
    pthread_mutex_unlock(&w->lock);
    if (!failure)
        return 0;
    if (err)
        es_err_set(err, "%s", failure);
    free(failure);
    return -1;
}

int es_worker_stop(es_worker *w, es_err *err)
{
    int rc = es_worker_wait(w, err);
    if (w->started) {
        pthread_mutex_lock(&w->lock);
        w->stop = 1;
        pthread_cond_signal(&w->wake);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
    }
    pthread_cond_destroy(&w->wake);
    pthread_cond_destroy(&w->idle);
    pthread_mutex_destroy(&w->lock);
    return rc;
}
