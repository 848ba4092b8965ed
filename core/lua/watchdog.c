/* The wall clock of a sandboxed run (--timeout): a thread that sleeps
 * until the time is up, then asks the script to stop (the instruction
 * hook sees `expired`, SQLite's running statement is interrupted) and,
 * when the script is still running a moment later, inside a C function
 * that neither looks (a pattern match that backtracks for hours), ends
 * the process: a cron job must never hang. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sandbox_private.h"

/* How long a script has to stop after its time is up. */
#define GRACE_SECONDS 2.0

struct es_watchdog {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int stopped;
    struct timespec deadline; /* CLOCK_MONOTONIC */
    double seconds;
    atomic_int *expired;
    es_store *store;
};

static struct timespec after(struct timespec t, double seconds)
{
    double whole = (double)(long long)seconds;
    t.tv_sec += (time_t)whole;
    t.tv_nsec += (long)((seconds - whole) * 1e9);
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

/* Sleeps until `when` or until stopped; whether it was stopped. */
static int sleep_until(es_watchdog *w, struct timespec when)
{
    pthread_mutex_lock(&w->lock);
    while (!w->stopped && pthread_cond_timedwait(&w->wake, &w->lock, &when) == 0)
        ;
    int stopped = w->stopped;
    pthread_mutex_unlock(&w->lock);
    return stopped;
}

static void *watch(void *arg)
{
    es_watchdog *w = arg;
    if (sleep_until(w, w->deadline))
        return NULL;
    atomic_store(w->expired, 1);
    if (w->store)
        es_store_interrupt(w->store);
    if (sleep_until(w, after(w->deadline, GRACE_SECONDS)))
        return NULL;
    /* Still running: the main thread is inside a C function and holds
     * whatever it holds, so nothing is flushed or freed on the way out. */
    char msg[256];
    int n = snprintf(msg, sizeof msg,
                     "edushell: the script exceeded the time limit of %g s and did not stop "
                     "(it was inside a C function); ended (raise it with --timeout SECONDS)\n",
                     w->seconds);
    if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0)
        n = 0;
    _exit(EXIT_FAILURE);
}

int es_sandbox_start_clock(es_sandbox *sb, es_store *store, es_err *err)
{
    if (sb->timeout <= 0 || sb->watchdog)
        return 0;
    es_watchdog *w = es_xcalloc(1, sizeof *w);
    w->seconds = sb->timeout;
    w->expired = &sb->expired;
    w->store = store;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w->wake, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&w->lock, NULL);
    clock_gettime(CLOCK_MONOTONIC, &w->deadline);
    w->deadline = after(w->deadline, sb->timeout);
    /* Signals (Ctrl-C) stay with the thread running the script. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&w->thread, NULL, watch, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return es_err_set(err, "cannot start the clock of --timeout: %s", strerror(rc));
    }
    sb->watchdog = w;
    return 0;
}

void es_sandbox_stop_clock(es_sandbox *sb)
{
    es_watchdog *w = sb->watchdog;
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopped = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
    sb->watchdog = NULL;
}
