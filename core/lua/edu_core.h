/* The C module `edu.core`, private to the binding: what the Lua library
 * (scripts/edu.lua) builds the `edu` table on. */
#ifndef EDUSHELL_LUA_EDU_CORE_H
#define EDUSHELL_LUA_EDU_CORE_H

#include <lauxlib.h>
#include <lua.h>

#include "edushell/lua/edu.h"

/* The registry field holding the es_lua_env (a light userdata). */
#define ES_LUA_ENV_KEY "edushell.env"

/* lua_CFunction for package.preload["edu.core"]: returns the module table.
 * Readers (sql, metric_id, width) are always there; writers (load,
 * define_metric) only when the store is writable and, for load, a
 * pipeline was given. */
int es_lua_open_core(lua_State *L);

/* The es_lua_env of the state (registry field ES_LUA_ENV_KEY); a Lua
 * error when the state has none. */
es_lua_env *es_lua_core_env(lua_State *L);

/* The SQL functions of edu.core (edu_sql.c): sql, columns, sorted. */
extern const luaL_Reg es_lua_sql_functions[];

/* The functions of edu.core that present figures and write spreadsheets
 * (edu_present.c); always registered: an XLSX is returned as bytes for
 * Lua to write, so a sandbox's rule on files holds. */
extern const luaL_Reg es_lua_present_functions[];

#endif
