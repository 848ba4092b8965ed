/* Setting up a Lua state for edushell: everything that can fail (memory,
 * a missing library script) runs inside one protected call.
 *
 * The global `edu` starts empty, and scripts/edu.lua fills it the first
 * time one of its names is read or set, or it is listed: a script that
 * never uses edu never compiles the library, which took most of the time
 * a one-line script ran. edu.lua in turn leaves its larger parts to their
 * first use. */
#include <lauxlib.h>
#include <lualib.h>

#include <unistd.h>

#include "edu_core.h"

/* package.path = SCRIPTS/?.lua;SCRIPTS/?/init.lua;<what it was> */
static void add_scripts_path(lua_State *L, const char *scripts_dir)
{
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "path");
    lua_pushfstring(L, "%s/?.lua;%s/?/init.lua;%s", scripts_dir, scripts_dir, lua_tostring(L, -1));
    lua_setfield(L, -3, "path");
    lua_pop(L, 2);
}

static void push_library_path(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, ES_LUA_ENV_KEY);
    const es_lua_env *env = lua_touserdata(L, -1);
    lua_pop(L, 1);
    lua_pushfstring(L, "%s/edu.lua", env->scripts_dir);
}

/* Fills the empty edu table (argument 1) from edu.lua. Its metatable
 * (upvalue 1) is taken off first, so that the library reads and writes the
 * table plainly and may give it a metatable of its own; put back when the
 * library fails, so that the next use reports the failure again. */
static void fill_library(lua_State *L)
{
    lua_pushnil(L);
    lua_setmetatable(L, 1);
    push_library_path(L);
    int status = luaL_loadfilex(L, lua_tostring(L, -1), "t");
    if (status == LUA_OK) {
        lua_pushvalue(L, 1);
        status = lua_pcall(L, 1, 1, 0);
        if (status == LUA_OK && !lua_rawequal(L, -1, 1)) {
            lua_pushfstring(L, "%s did not fill the edu table it was given", lua_tostring(L, -2));
            status = LUA_ERRRUN;
        }
    }
    if (status != LUA_OK) {
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_setmetatable(L, 1);
        lua_error(L);
    }
    lua_pop(L, 2);
}

/* __index(edu, name) */
static int library_index(lua_State *L)
{
    lua_settop(L, 2);
    fill_library(L);
    lua_gettable(L, 1);
    return 1;
}

/* __newindex(edu, name, value) */
static int library_newindex(lua_State *L)
{
    lua_settop(L, 3);
    fill_library(L);
    lua_settable(L, 1);
    return 0;
}

/* __pairs(edu): the library's own listing once it is there. Upvalue 2:
 * the base library's pairs. */
static int library_pairs(lua_State *L)
{
    lua_settop(L, 1);
    fill_library(L);
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, 1);
    lua_call(L, 1, 3);
    return 3;
}

/* The empty edu table, as the global `edu` and package.loaded.edu (so
 * require("edu") finds it), with the metatable that fills it. */
static void push_empty_library(lua_State *L)
{
    lua_newtable(L);
    int edu = lua_gettop(L);
    lua_createtable(L, 0, 3);
    int mt = lua_gettop(L);
    static const struct { const char *name; lua_CFunction fn; } EVENTS[] = {
        {"__index", library_index}, {"__newindex", library_newindex}, {"__pairs", library_pairs},
    };
    for (size_t i = 0; i < sizeof EVENTS / sizeof EVENTS[0]; i++) {
        lua_pushvalue(L, mt);
        lua_getglobal(L, "pairs");
        lua_pushcclosure(L, EVENTS[i].fn, 2);
        lua_setfield(L, mt, EVENTS[i].name);
    }
    lua_setmetatable(L, edu);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_pushvalue(L, edu);
    lua_setfield(L, -2, "edu");
    lua_pop(L, 1);
    lua_setglobal(L, "edu");
}

/* The protected part; argument 1 is the es_lua_env. */
static int setup_state(lua_State *L)
{
    es_lua_env *env = lua_touserdata(L, 1);
    luaL_openlibs(L);
    lua_pushlightuserdata(L, env);
    lua_setfield(L, LUA_REGISTRYINDEX, ES_LUA_ENV_KEY);
    add_scripts_path(L, env->scripts_dir);
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    lua_pushcfunction(L, es_lua_open_core);
    lua_setfield(L, -2, "edu.core");
    lua_pop(L, 1);
    /* A missing library is an error now; a broken one when it is first used. */
    push_library_path(L);
    if (access(lua_tostring(L, -1), R_OK) != 0)
        return luaL_error(L, "the Lua library %s cannot be read", lua_tostring(L, -1));
    lua_pop(L, 1);
    push_empty_library(L);
    return 0;
}

int es_lua_open_edu(lua_State *L, es_lua_env *env, es_err *err)
{
    lua_pushcfunction(L, setup_state);
    lua_pushlightuserdata(L, env);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        es_err_set(err, "%s", msg ? msg : "cannot set up Lua");
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}
