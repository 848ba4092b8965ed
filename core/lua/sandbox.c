/* The sandbox's limits: a counting allocator (memory), an instruction-count
 * hook that also ends a script whose time is up, and the bounds on the
 * SQL the script runs (its steps counted with its instructions, SQLite's
 * heap under the memory limit). The restrictions of the library are in
 * sandbox_env.c, the wall clock in watchdog.c.
 *
 * The es_sandbox is the allocator's user data, so the hook and the
 * wrappers reach it from any lua_State without global variables. */
#include "edushell/lua/sandbox.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox_private.h"

/* The hook runs every HOOK_STEP instructions, SQLite's progress handler
 * every SQL_STEP steps of its virtual machine: counting each one would
 * slow scripts several times over; the limit is exact to this step. */
#define HOOK_STEP 1000
#define SQL_STEP 1000
/* One step of SQLite's virtual machine costs about as much time as five
 * Lua instructions: counted so, the limit bounds time in either. */
#define SQL_WEIGHT 5

int es_sandbox_wanted(const es_sandbox_options *opts)
{
    return opts && (opts->enabled || opts->max_instructions || opts->max_memory_mb || opts->timeout > 0);
}

int es_sandbox_init(es_sandbox *sb, const es_sandbox_options *opts, es_err *err)
{
    memset(sb, 0, sizeof *sb);
    atomic_init(&sb->expired, 0);
    sb->restricted = opts->enabled;
    sb->max_instructions = opts->max_instructions;
    sb->timeout = opts->timeout;
    unsigned long long mb = opts->max_memory_mb;
    if (opts->enabled) {
        if (!sb->max_instructions)
            sb->max_instructions = ES_SANDBOX_DEFAULT_INSTRUCTIONS;
        if (!mb)
            mb = ES_SANDBOX_DEFAULT_MEMORY_MB;
        if (sb->timeout <= 0)
            sb->timeout = ES_SANDBOX_DEFAULT_TIMEOUT;
    }
    sb->max_memory = mb > SIZE_MAX / (1024 * 1024) ? SIZE_MAX : (size_t)mb * 1024 * 1024;
    for (size_t i = 0; i < opts->nallow_read; i++) {
        es_err why = {{0}};
        if (es_sandbox_allow_read(sb, opts->allow_read[i], &why) != 0)
            return es_err_set(err, "--allow-read %s: %s", opts->allow_read[i], why.msg);
    }
    return 0;
}

void es_sandbox_free(es_sandbox *sb)
{
    es_sandbox_stop_clock(sb);
    for (size_t i = 0; i < sb->nreadable; i++)
        free(sb->readable[i]);
    free(sb->readable);
    sb->readable = NULL;
    sb->nreadable = 0;
}

/* --- memory ------------------------------------------------------------ */

/* lua_Alloc: refuses a growth past the limit, which Lua reports as a
 * memory error after trying a full collection. */
static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    es_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= old;
        return NULL;
    }
    if (sb->max_memory && nsize > old && nsize - old > sb->max_memory - sb->used) {
        sb->hit = ES_LIMIT_MEMORY;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p)
        sb->used = sb->used - old + nsize;
    return p;
}

es_sandbox *es_sandbox_of(lua_State *L)
{
    void *ud = NULL;
    return lua_getallocf(L, &ud) == limited_alloc ? ud : NULL;
}

/* An error outside any protected call: say what it was before Lua aborts. */
static int panic(lua_State *L)
{
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "edushell: unprotected Lua error: %s\n", msg ? msg : "(not a string)");
    return 0;
}

lua_State *es_sandbox_newstate(es_sandbox *sb)
{
    lua_State *L = lua_newstate(limited_alloc, sb);
    if (L)
        lua_atpanic(L, panic);
    return L;
}

/* --- instructions and time -------------------------------------------- */

static int time_is_up(es_sandbox *sb)
{
    if (!atomic_load_explicit(&sb->expired, memory_order_relaxed))
        return 0;
    sb->hit = ES_LIMIT_TIME;
    return 1;
}

/* Counts `steps` more; whether a limit stops the script now. */
static int over_limit(es_sandbox *sb, unsigned steps)
{
    if (time_is_up(sb))
        return 1;
    sb->executed += steps;
    if (sb->max_instructions && sb->executed > sb->max_instructions) {
        sb->hit = ES_LIMIT_INSTRUCTIONS;
        return 1;
    }
    return 0;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    es_sandbox *sb = es_sandbox_of(L);
    char buf[192];
    if (over_limit(sb, HOOK_STEP))
        luaL_error(L, "%s", es_sandbox_limit_message(sb, buf, sizeof buf));
}

void es_sandbox_arm(es_sandbox *sb, lua_State *L)
{
    /* New coroutines inherit the hook, so they count against the same
     * total; the clock is looked at on the same beat. */
    if (sb->max_instructions || sb->timeout > 0)
        lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
}

/* SQLite's progress handler: the statement's steps are the script's. */
static int sql_progress(void *ctx)
{
    return over_limit(ctx, SQL_STEP * SQL_WEIGHT);
}

enum es_sandbox_limit es_sandbox_stopped(es_sandbox *sb)
{
    time_is_up(sb);
    return sb->hit;
}

const char *es_sandbox_limit_message(const es_sandbox *sb, char *buf, size_t size)
{
    if (sb->hit == ES_LIMIT_MEMORY)
        snprintf(buf, size, "the script exceeded the memory limit of %zu MB (raise it with --max-memory MB)",
                 sb->max_memory / (1024 * 1024));
    else if (sb->hit == ES_LIMIT_INSTRUCTIONS)
        snprintf(buf, size, "the script exceeded the instruction limit of %llu (raise it with --max-instructions N)",
                 sb->max_instructions);
    else if (sb->hit == ES_LIMIT_TIME)
        snprintf(buf, size, "the script exceeded the time limit of %g s (raise it with --timeout SECONDS)",
                 sb->timeout);
    else
        return NULL;
    return buf;
}

int es_sandbox_apply(es_sandbox *sb, lua_State *L, es_lua_env *env, es_err *err)
{
    if (sb->restricted) {
        if (env && env->scripts_dir && es_sandbox_allow_read(sb, env->scripts_dir, err) != 0)
            return -1;
        if (sandbox_restrict_library(L, err) != 0)
            return -1;
    }
    if (env && env->store) {
        es_store_guard guard = {
            .max_heap = (int64_t)(sb->max_memory > INT64_MAX ? INT64_MAX : sb->max_memory),
            .bound_sizes = sb->restricted,
            .steps = SQL_STEP,
            .progress = sql_progress,
            .ctx = sb,
        };
        es_store_guard_queries(env->store, &guard);
    }
    es_sandbox_arm(sb, L);
    return 0;
}
