/* Setting up a Lua state for edushell: everything that can fail (memory,
 * a broken library script) runs inside one protected call. */
#include <lauxlib.h>
#include <lualib.h>

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
    lua_getglobal(L, "require");
    lua_pushliteral(L, "edu");
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1))
        return luaL_error(L, "%s/edu.lua did not return the edu table", env->scripts_dir);
    lua_setglobal(L, "edu");
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
