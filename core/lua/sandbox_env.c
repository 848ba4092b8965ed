/* The sandboxed library, built from an allow-list as Redis builds its
 * scripting state: of the globals only the base functions below, string,
 * table, math, utf8, coroutine and edu stay; io keeps open, lines and
 * write, reading only files under the folders allowed; load, loadfile,
 * dofile and require take text only, and the last three read only where
 * io.open may. Everything else (os, debug, package, io's other functions)
 * is gone, whatever a later Lua version adds.
 *
 * The edu library is loaded before the cut, with the full library (every
 * part of it, though it loads parts on first use elsewhere), so what it
 * captured then (debug.getinfo for template errors) keeps working; what
 * it looks up when called (io.open, require, load) is the sandbox's. */
#include <errno.h>
#include <lauxlib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox_private.h"

static const char *const KEPT_GLOBALS[] = {
    "assert", "collectgarbage", "error", "getmetatable", "ipairs", "next", "pairs",
    "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
    "tonumber", "tostring", "type", "xpcall", "warn", "_G", "_VERSION",
    "string", "table", "math", "utf8", "coroutine", "edu",
    "io", "load", "loadfile", "dofile", "require", /* the sandbox's own */
    NULL,
};

/* Modules require finds without reading a file. */
static const char *const KEPT_MODULES[] = {"string", "table", "math", "utf8", "coroutine", NULL};

static int listed(const char *const *list, const char *name)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

/* --- which files may be read ------------------------------------------ */

/* `path` made absolute and cleaned of ".", ".." and repeated slashes
 * without looking at the disk, for paths that do not exist. */
static int lexical_path(const char *path, char *out, size_t size)
{
    char joined[PATH_MAX * 2];
    if (path[0] == '/') {
        snprintf(joined, sizeof joined, "%s", path);
    } else {
        char cwd[PATH_MAX];
        if (!getcwd(cwd, sizeof cwd))
            return -1;
        snprintf(joined, sizeof joined, "%s/%s", cwd, path);
    }
    size_t n = 0;
    for (char *part = strtok(joined, "/"); part; part = strtok(NULL, "/")) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            while (n > 0 && out[--n] != '/')
                ;
            continue;
        }
        size_t len = strlen(part);
        if (n + len + 2 > size)
            return -1;
        out[n++] = '/';
        memcpy(out + n, part, len);
        n += len;
    }
    if (n == 0)
        out[n++] = '/';
    out[n] = '\0';
    return 0;
}

/* Whether the canonical path is one of the files allowed or under one of
 * the directories (kept with a closing slash). */
static int allowed(const es_sandbox *sb, const char *path)
{
    size_t len = strlen(path);
    for (size_t i = 0; i < sb->nreadable; i++) {
        const char *entry = sb->readable[i];
        size_t n = strlen(entry);
        if (entry[n - 1] != '/') {
            if (strcmp(path, entry) == 0)
                return 1;
        } else if (strncmp(path, entry, n) == 0 || (len == n - 1 && strncmp(path, entry, len) == 0)) {
            return 1;
        }
    }
    return 0;
}

int es_sandbox_allow_read(es_sandbox *sb, const char *path, es_err *err)
{
    char real[PATH_MAX];
    struct stat st;
    if (!realpath(path, real) || stat(real, &st) != 0)
        return es_err_set(err, "%s", strerror(errno));
    size_t n = strlen(real);
    int dir = S_ISDIR(st.st_mode);
    char *entry = es_xmalloc(n + 2);
    memcpy(entry, real, n + 1);
    if (dir && real[n - 1] != '/')
        strcpy(entry + n, "/");
    sb->readable = es_xrealloc(sb->readable, (sb->nreadable + 1) * sizeof *sb->readable);
    sb->readable[sb->nreadable++] = entry;
    return 0;
}

enum readable { READABLE, MISSING, DENIED, NOT_A_FILE };

/* Resolves `path` (symbolic links and all) into `real` and says whether a
 * sandboxed script may read it. A path that does not exist is MISSING
 * when it would be allowed, so io.open returns nil as it does outside. */
static enum readable check_readable(const es_sandbox *sb, const char *path, char real[PATH_MAX])
{
    if (!realpath(path, real)) {
        if (lexical_path(path, real, PATH_MAX) != 0)
            return DENIED;
        return allowed(sb, real) ? MISSING : DENIED;
    }
    if (!allowed(sb, real))
        return DENIED;
    /* Not a FIFO or a device, which could block or never end. */
    struct stat st;
    return stat(real, &st) == 0 && S_ISREG(st.st_mode) ? READABLE : NOT_A_FILE;
}

/* Pushes the canonical path of a file the script may read and returns 0;
 * pushes nil and io.open's message and returns -1 for a file that does
 * not exist; raises the sandbox's error for any other. */
static int readable_or_error(lua_State *L, const char *path, const char *who)
{
    char real[PATH_MAX];
    switch (check_readable(es_sandbox_of(L), path, real)) {
    case READABLE:
        lua_pushstring(L, real);
        return 0;
    case MISSING:
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: %s", path, strerror(ENOENT));
        return -1;
    case NOT_A_FILE:
        return luaL_error(L, "sandbox: %s: '%s' is not a regular file", who, path);
    default:
        return luaL_error(L, "sandbox: %s: reading '%s' is not allowed (only the scripts folder "
                             "and directories given with --allow-read)", who, path);
    }
}

/* --- the file functions left ------------------------------------------ */

/* Calls upvalue 1 with the stack's values, returning all its results. */
static int call_original(lua_State *L)
{
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* io.open(path [, mode]): reading only. Upvalue 1: io.open. */
static int sandboxed_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    const char *mode = luaL_optstring(L, 2, "r");
    if (strcmp(mode, "r") != 0 && strcmp(mode, "rb") != 0)
        return luaL_error(L, "sandbox: io.open: writing '%s' is not allowed (files open for reading only)",
                          path);
    lua_settop(L, 2);
    if (readable_or_error(L, path, "io.open") != 0) {
        lua_pushinteger(L, ENOENT);
        return 3;
    }
    lua_replace(L, 1);
    return call_original(L);
}

/* io.lines(path, ...): a file's lines. Upvalue 1: io.lines. */
static int sandboxed_lines(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    if (readable_or_error(L, path, "io.lines") != 0)
        return luaL_error(L, "%s", lua_tostring(L, -1));
    lua_replace(L, 1);
    return call_original(L);
}

/* loadfile(path [, mode [, env]]): text only. Upvalue 1: loadfile. */
static int sandboxed_loadfile(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    if (readable_or_error(L, path, "loadfile") != 0)
        return 2;
    lua_replace(L, 1);
    if (lua_gettop(L) < 2)
        lua_settop(L, 2);
    lua_pushliteral(L, "t");
    lua_replace(L, 2);
    return call_original(L);
}

/* dofile(path): text only. */
static int sandboxed_dofile(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    if (readable_or_error(L, path, "dofile") != 0)
        return luaL_error(L, "%s", lua_tostring(L, -1));
    if (luaL_loadfilex(L, lua_tostring(L, 2), "t") != LUA_OK)
        return lua_error(L);
    lua_call(L, 0, LUA_MULTRET);
    return lua_gettop(L) - 2;
}

/* load(chunk [, name [, mode [, env]]]): text only. Upvalue 1: load. */
static int sandboxed_load(lua_State *L)
{
    if (lua_gettop(L) < 3)
        lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    return call_original(L);
}

/* require(name): the allowed libraries, the edu modules, and Lua files
 * NAME.lua or NAME/init.lua (dots as slashes) in the directories a
 * script may read, loaded as text. Upvalue 1: the modules the sandbox
 * has loaded; upvalue 2: package.loaded, for the edu modules. */
static int sandboxed_require(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    if (lua_getfield(L, lua_upvalueindex(1), name) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);
    int edu_module = strcmp(name, "edu") == 0 || strncmp(name, "edu.", 4) == 0;
    if (edu_module && lua_getfield(L, lua_upvalueindex(2), name) != LUA_TNIL) {
        lua_pushvalue(L, -1);
        lua_setfield(L, lua_upvalueindex(1), name);
        return 1;
    }
    lua_settop(L, 1);
    const es_sandbox *sb = es_sandbox_of(L);
    const char *rel = luaL_gsub(L, name, ".", "/");
    for (size_t i = 0; i < sb->nreadable; i++) {
        const char *dir = sb->readable[i];
        if (dir[strlen(dir) - 1] != '/')
            continue;
        for (int init = 0; init < 2; init++) {
            char real[PATH_MAX];
            const char *file = lua_pushfstring(L, init ? "%s%s/init.lua" : "%s%s.lua", dir, rel);
            int found = check_readable(sb, file, real) == READABLE;
            lua_pop(L, 1);
            if (!found)
                continue;
            if (luaL_loadfilex(L, real, "t") != LUA_OK)
                return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, real,
                                  lua_tostring(L, -1));
            lua_pushvalue(L, 1);
            lua_pushstring(L, real);
            lua_call(L, 2, 1);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushboolean(L, 1);
            }
            lua_pushvalue(L, -1);
            lua_setfield(L, lua_upvalueindex(1), name);
            return 1;
        }
    }
    return luaL_error(L, "module '%s' not found (the sandbox looks in the scripts folder and "
                         "directories given with --allow-read)", name);
}

/* --- the cut ------------------------------------------------------------ */

/* Removes every global not on the allow-list. */
static void remove_unlisted_globals(lua_State *L)
{
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    lua_newtable(L);
    int doomed = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, g)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING || !listed(KEPT_GLOBALS, lua_tostring(L, -1))) {
            lua_pushvalue(L, -1);
            lua_rawseti(L, doomed, (lua_Integer)lua_rawlen(L, doomed) + 1);
        }
    }
    for (lua_Integer i = 1, n = (lua_Integer)lua_rawlen(L, doomed); i <= n; i++) {
        lua_rawgeti(L, doomed, i);
        lua_pushnil(L);
        lua_rawset(L, g);
    }
    lua_settop(L, g - 1);
}

/* Sets global `name` to fn closed over the value of `from.field` (the
 * table at index `from`) */
static void set_wrapped(lua_State *L, int table, const char *name, int from, const char *field,
                        lua_CFunction fn)
{
    lua_getfield(L, from, field);
    lua_pushcclosure(L, fn, 1);
    lua_setfield(L, table, name);
}

/* The protected part: everything here allocates. */
static int restrict_library(lua_State *L)
{
    /* The edu library installs its parts when first used (scripts/edu.lua);
     * listing it installs them all: now, with the whole library. */
    if (lua_getglobal(L, "edu") == LUA_TTABLE) {
        lua_getglobal(L, "pairs");
        lua_insert(L, -2);
        lua_call(L, 1, 0);
    } else {
        lua_pop(L, 1);
    }
    lua_pushglobaltable(L);
    int g = lua_gettop(L);
    lua_getfield(L, g, "io");
    int io = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    int loaded = lua_gettop(L);
    luaL_checktype(L, io, LUA_TTABLE);

    lua_createtable(L, 0, 3);
    int sandbox_io = lua_gettop(L);
    set_wrapped(L, sandbox_io, "open", io, "open", sandboxed_open);
    set_wrapped(L, sandbox_io, "lines", io, "lines", sandboxed_lines);
    lua_getfield(L, io, "write");
    lua_setfield(L, sandbox_io, "write");

    set_wrapped(L, g, "load", g, "load", sandboxed_load);
    set_wrapped(L, g, "loadfile", g, "loadfile", sandboxed_loadfile);
    lua_pushcfunction(L, sandboxed_dofile);
    lua_setfield(L, g, "dofile");

    lua_newtable(L); /* the sandbox's own loaded modules */
    for (const char *const *m = KEPT_MODULES; *m; m++) {
        lua_getfield(L, g, *m);
        lua_setfield(L, -2, *m);
    }
    lua_pushvalue(L, sandbox_io);
    lua_setfield(L, -2, "io");
    lua_pushvalue(L, loaded);
    lua_pushcclosure(L, sandboxed_require, 2);
    lua_setfield(L, g, "require");

    lua_pushvalue(L, sandbox_io);
    lua_setfield(L, g, "io");
    remove_unlisted_globals(L);
    lua_settop(L, 0);
    return 0;
}

int sandbox_restrict_library(lua_State *L, es_err *err)
{
    lua_pushcfunction(L, restrict_library);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        es_err_set(err, "cannot set up the sandbox: %s", lua_tostring(L, -1));
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}
