/* The sandbox: limits (a counting allocator, an instruction-count hook)
 * and restrictions (the standard library trimmed to what cannot start
 * processes, load native code or write files; SQL from Lua read-only).
 *
 * The es_sandbox is the allocator's user data, so the hook and the
 * wrappers reach it from any lua_State without global variables. */
#include "sandbox.h"

#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The hook runs every HOOK_STEP instructions: counting each one would
 * slow scripts several times over; the limit is exact to this step. */
#define HOOK_STEP 1000

int es_sandbox_wanted(const es_sandbox_options *opts)
{
    return opts && (opts->enabled || opts->max_instructions || opts->max_memory_mb);
}

void es_sandbox_init(es_sandbox *sb, const es_sandbox_options *opts)
{
    memset(sb, 0, sizeof *sb);
    sb->restricted = opts->enabled;
    sb->max_instructions = opts->max_instructions;
    unsigned long long mb = opts->max_memory_mb;
    if (opts->enabled) {
        if (!sb->max_instructions)
            sb->max_instructions = ES_SANDBOX_DEFAULT_INSTRUCTIONS;
        if (!mb)
            mb = ES_SANDBOX_DEFAULT_MEMORY_MB;
    }
    sb->max_memory = mb > SIZE_MAX / (1024 * 1024) ? SIZE_MAX : (size_t)mb * 1024 * 1024;
}

static es_sandbox *sandbox_of(lua_State *L)
{
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return ud;
}

/* --- limits ------------------------------------------------------------ */

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

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    es_sandbox *sb = sandbox_of(L);
    sb->executed += HOOK_STEP;
    if (sb->max_instructions && sb->executed > sb->max_instructions) {
        sb->hit = ES_LIMIT_INSTRUCTIONS;
        luaL_error(L, "instruction limit of %I exceeded (raise it with --max-instructions N)",
                   (lua_Integer)sb->max_instructions);
    }
}

void es_sandbox_arm(es_sandbox *sb, lua_State *L)
{
    /* New coroutines inherit the hook, so they count against the same total. */
    if (sb->max_instructions)
        lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_STEP);
}

const char *es_sandbox_limit_message(const es_sandbox *sb, char *buf, size_t size)
{
    if (sb->hit == ES_LIMIT_MEMORY)
        snprintf(buf, size, "the script exceeded the memory limit of %zu MB (raise it with --max-memory MB)",
                 sb->max_memory / (1024 * 1024));
    else if (sb->hit == ES_LIMIT_INSTRUCTIONS)
        snprintf(buf, size, "the script exceeded the instruction limit of %llu (raise it with --max-instructions N)",
                 sb->max_instructions);
    else
        return NULL;
    return buf;
}

/* --- file writes ------------------------------------------------------- */

/* The absolute form of a path whose directory exists: realpath of the
 * directory plus the last component, so "out.html" and "./out.html" and
 * "/abs/out.html" compare equal. */
static int canonical_path(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX], real[PATH_MAX];
    const char *base = slash ? slash + 1 : path;
    if (slash) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        if (n >= sizeof dir)
            return -1;
        memcpy(dir, path, n);
        dir[n] = '\0';
    } else {
        strcpy(dir, ".");
    }
    if (!*base || !realpath(dir, real))
        return -1;
    int n = snprintf(out, size, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int es_sandbox_allow_write(es_sandbox *sb, const char *path, es_err *err)
{
    if (canonical_path(path, sb->write_path, sizeof sb->write_path) != 0) {
        sb->write_path[0] = '\0';
        return es_err_set(err, "%s: its directory does not exist", path);
    }
    return 0;
}

static int may_write(const es_sandbox *sb, const char *path)
{
    char canon[PATH_MAX];
    return sb->write_path[0] && canonical_path(path, canon, sizeof canon) == 0 &&
           strcmp(canon, sb->write_path) == 0;
}

static int writes(const char *mode)
{
    return strpbrk(mode, "wa+") != NULL;
}

/* io.open(path [, mode]): reading anywhere, writing only the --out file.
 * Upvalue 1: the original io.open. */
static int sandboxed_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *mode = luaL_optstring(L, 2, "r");
    if (writes(mode) && !may_write(sandbox_of(L), path))
        return luaL_error(L, "sandbox: writing '%s' is not allowed (only the --out file)", path);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* io.output(file): a name opens it for writing. Upvalue 1: io.output. */
static int sandboxed_output(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING && !may_write(sandbox_of(L), lua_tostring(L, 1)))
        return luaL_error(L, "sandbox: writing '%s' is not allowed (only the --out file)", lua_tostring(L, 1));
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* --- loading code: text only ------------------------------------------ */

/* Calls the original function (upvalue 1) with argument `mode_arg` forced
 * to "t", keeping whether later arguments (load's env) were given. */
static int call_text_only(lua_State *L, int mode_arg)
{
    if (lua_gettop(L) < mode_arg)
        lua_settop(L, mode_arg);
    lua_pushliteral(L, "t");
    lua_replace(L, mode_arg);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

static int sandboxed_load(lua_State *L) { return call_text_only(L, 3); }
static int sandboxed_loadfile(lua_State *L) { return call_text_only(L, 2); }

static int sandboxed_dofile(lua_State *L)
{
    const char *path = luaL_optstring(L, 1, NULL);
    lua_settop(L, 1);
    if (luaL_loadfilex(L, path, "t") != LUA_OK)
        return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 1;
}

/* A package.searchers entry for Lua files on package.path, loaded as
 * text. Upvalue 1: the package table. */
static int text_searcher(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_getfield(L, lua_upvalueindex(1), "searchpath");
    lua_pushstring(L, name);
    lua_getfield(L, lua_upvalueindex(1), "path");
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2))
        return 1; /* the message of searchpath */
    const char *file = lua_tostring(L, -2);
    if (luaL_loadfilex(L, file, "t") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, file, lua_tostring(L, -1));
    lua_pushstring(L, file);
    return 2;
}

/* --- applying the restrictions ---------------------------------------- */

static void remove_fields(lua_State *L, const char *table, const char *const *names)
{
    lua_getglobal(L, table);
    for (; *names; names++) {
        lua_pushnil(L);
        lua_setfield(L, -2, *names);
    }
    lua_pop(L, 1);
}

/* Replaces table.name (a global when table is NULL) with a C closure over
 * the original. */
static void wrap(lua_State *L, const char *table, const char *name, lua_CFunction fn)
{
    if (table)
        lua_getglobal(L, table);
    else
        lua_pushglobaltable(L);
    lua_getfield(L, -1, name);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* debug can remove the instruction hook and reach the registry: only
 * traceback stays (the table is changed in place, so require("debug")
 * gives the same). */
static void trim_debug(lua_State *L)
{
    lua_getglobal(L, "debug");
    int debug = lua_gettop(L);
    lua_getfield(L, debug, "traceback");
    lua_newtable(L);
    int keys = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, debug)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, keys, (lua_Integer)lua_rawlen(L, keys) + 1);
    }
    for (lua_Integer i = 1, n = (lua_Integer)lua_rawlen(L, keys); i <= n; i++) {
        lua_rawgeti(L, keys, i);
        lua_pushnil(L);
        lua_rawset(L, debug);
    }
    lua_pop(L, 1);
    lua_setfield(L, debug, "traceback");
    lua_pop(L, 1);
}

/* Only the preload searcher and the text-only Lua searcher remain; no
 * C modules, no loadlib. */
static void restrict_package(lua_State *L)
{
    lua_getglobal(L, "package");
    lua_pushnil(L);
    lua_setfield(L, -2, "loadlib");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "cpath");
    lua_getfield(L, -1, "searchers");
    lua_createtable(L, 2, 0);
    lua_rawgeti(L, -2, 1);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, -3);
    lua_pushcclosure(L, text_searcher, 1);
    lua_rawseti(L, -2, 2);
    lua_setfield(L, -3, "searchers");
    lua_pop(L, 2);
}

/* The restrictions, run as a protected call: each step allocates. */
static int restrict_state(lua_State *L)
{
    static const char *const os_removed[] = {"execute", "remove", "rename", "exit", "tmpname", "setlocale", NULL};
    static const char *const io_removed[] = {"popen", "tmpfile", NULL};
    remove_fields(L, "os", os_removed);
    remove_fields(L, "io", io_removed);
    wrap(L, "io", "open", sandboxed_open);
    wrap(L, "io", "output", sandboxed_output);
    wrap(L, NULL, "load", sandboxed_load);
    wrap(L, NULL, "loadfile", sandboxed_loadfile);
    lua_pushcfunction(L, sandboxed_dofile);
    lua_setglobal(L, "dofile");
    restrict_package(L);
    trim_debug(L);
    return 0;
}

int es_sandbox_apply(es_sandbox *sb, lua_State *L, es_err *err)
{
    if (sb->restricted) {
        lua_pushcfunction(L, restrict_state);
        if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
            es_err_set(err, "cannot set up the sandbox: %s", lua_tostring(L, -1));
            lua_pop(L, 1);
            return -1;
        }
    }
    es_sandbox_arm(sb, L);
    return 0;
}
