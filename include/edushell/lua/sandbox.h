/* The sandbox for scripts and templates from others (--sandbox), in the
 * shape of Redis's Lua scripting: the state is built from an allow-list
 * (base, string, table, math, utf8, coroutine, a read-only io.open that
 * reaches only the folders allowed, and the edu library without its
 * writers), SQL from Lua may only read, and limits end whatever the
 * script causes, in Lua, in SQLite or inside a C function, with an error
 * that names the limit. The limits also work alone (--max-instructions,
 * --max-memory, --timeout without --sandbox). */
#ifndef EDUSHELL_LUA_SANDBOX_H
#define EDUSHELL_LUA_SANDBOX_H

#include <stdatomic.h>
#include <stddef.h>

#include "edushell/base/common.h"
#include "edushell/lua/edu.h"
#include "edushell/store/store.h"

#define ES_SANDBOX_DEFAULT_INSTRUCTIONS 200000000ULL
#define ES_SANDBOX_DEFAULT_MEMORY_MB 512ULL
#define ES_SANDBOX_DEFAULT_TIMEOUT 300.0

/* What the command line asked for. Zero limits take the defaults when
 * sandboxed and mean "unlimited" otherwise. */
typedef struct es_sandbox_options {
    int enabled;
    unsigned long long max_instructions;
    unsigned long long max_memory_mb;
    double timeout;                 /* seconds of wall-clock time */
    const char *const *allow_read;  /* directories Lua may read (--allow-read) */
    size_t nallow_read;
} es_sandbox_options;

enum es_sandbox_limit { ES_LIMIT_NONE, ES_LIMIT_INSTRUCTIONS, ES_LIMIT_MEMORY, ES_LIMIT_TIME };

typedef struct es_watchdog es_watchdog;

typedef struct es_sandbox {
    int restricted;                      /* --sandbox: the allow-listed library */
    unsigned long long max_instructions; /* Lua instructions and SQLite steps; 0: no limit */
    size_t max_memory;                   /* bytes for Lua, and for SQLite; 0: no limit */
    double timeout;                      /* seconds; 0: no limit */
    size_t used;                         /* bytes the Lua state holds now */
    unsigned long long executed;         /* instructions and steps counted so far */
    enum es_sandbox_limit hit;           /* the limit that stopped the script */
    atomic_int expired;                  /* set by the watchdog when the time is up */
    char **readable;                     /* canonical directories and files Lua may read */
    size_t nreadable;
    es_watchdog *watchdog;               /* owned; NULL when no clock runs */
} es_sandbox;

/* Whether the options ask for a sandbox or a limit at all. */
int es_sandbox_wanted(const es_sandbox_options *opts);

/* Fills sb from the options (defaults applied). The directories to read
 * must exist: returns -1 with the reason otherwise. */
int es_sandbox_init(es_sandbox *sb, const es_sandbox_options *opts, es_err *err);

/* Stops the clock and frees what sb holds (not sb itself). */
void es_sandbox_free(es_sandbox *sb);

/* A Lua state whose allocations are counted against sb's memory limit;
 * sb must outlive it. NULL if it cannot be created. */
lua_State *es_sandbox_newstate(es_sandbox *sb);

/* Lets Lua read `path`: a directory and everything under it, or one file.
 * The scripts folder is added by es_sandbox_apply. */
int es_sandbox_allow_read(es_sandbox *sb, const char *path, es_err *err);

/* On a state made by es_sandbox_newstate, after es_lua_open_edu (the
 * library is loaded with everything it needs, then the state is cut down
 * to the allow-list when restricted) and with the store made read-only
 * (es_store_read_only) when restricted: the restrictions, the instruction
 * limit, and the limits on the SQL the script runs. */
int es_sandbox_apply(es_sandbox *sb, lua_State *L, es_lua_env *env, es_err *err);

/* Installs the instruction-count hook again, for callers that clear hooks
 * (the REPL does after each chunk). */
void es_sandbox_arm(es_sandbox *sb, lua_State *L);

/* Starts the wall-clock limit (when there is one): when it runs out, Lua
 * stops at its next instruction and the store's running statement is
 * interrupted; a script still running a moment later (inside a C
 * function) ends the process with a one-line error and status 1. */
int es_sandbox_start_clock(es_sandbox *sb, es_store *store, es_err *err);

/* Stops the clock; the script's time is over. */
void es_sandbox_stop_clock(es_sandbox *sb);

/* The limit that stopped the script, if any (the clock's too, when it
 * interrupted a statement before the progress handler looked). */
enum es_sandbox_limit es_sandbox_stopped(es_sandbox *sb);

/* A one-line explanation when a limit ended the script, else NULL. */
const char *es_sandbox_limit_message(const es_sandbox *sb, char *buf, size_t size);

/* The sandbox of a state set up by es_sandbox_apply, or NULL. */
es_sandbox *es_sandbox_of(lua_State *L);

#endif
