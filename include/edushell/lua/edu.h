/* The `edu` Lua module: the C module `edu.core` over the store and the
 * pipeline, and the Lua library in scripts/edu.lua that builds the
 * analysts' `edu` table on it. Knows nothing of readline. */
#ifndef EDUSHELL_LUA_EDU_H
#define EDUSHELL_LUA_EDU_H

/* Lua's state, named without its header: only core/lua and core/cli use Lua. */
typedef struct lua_State lua_State;

#include "edushell/base/common.h"
#include "edushell/load/pipeline.h"
#include "edushell/store/store.h"

/* What the module works on; owned by the caller, which must keep it alive
 * as long as the Lua state. */
typedef struct es_lua_env {
    es_store *store;             /* NULL: opened by open_store */
    const es_pipeline *pipeline; /* for edu.load and the regions' gazetteer;
                                    NULL: opened by open_pipeline, or none */
    const char *scripts_dir;     /* edu.lua, edu/, templates/ */
    /* Opens the pipeline the first time edu.load or a region look-up needs
     * it (its tables take longer to read than a run that only queries
     * takes), and is then not called again; NULL: no loading and no
     * gazetteer. Returns NULL with the reason in err. */
    const es_pipeline *(*open_pipeline)(void *ctx, es_err *err);
    void *open_pipeline_ctx;
    /* Opens the store when edu.core is first required (the library's first
     * use), for a state set up without one: a script that never queries
     * never opens the database. Returns NULL with the reason in err. */
    es_store *(*open_store)(void *ctx, es_err *err);
    void *open_store_ctx;
} es_lua_env;

/* Sets up a fresh state inside one protected call (as lua.c's pmain): the
 * standard libraries, scripts_dir on package.path, `edu.core` in
 * package.preload, and the global `edu` (also package.loaded.edu), which
 * scripts_dir/edu.lua fills the first time it is used or listed. The
 * writers (loading, defining metrics) are registered only when the store
 * is writable: make it read-only (es_store_read_only) before calling this
 * to get a state that never has them. Returns 0, or -1 with the reason (a
 * library script that cannot be read, memory) in err; a broken library is
 * a Lua error where edu is first used. */
int es_lua_open_edu(lua_State *L, es_lua_env *env, es_err *err);

/* Message handler for lua_pcall: appends a traceback to the error. */
int es_lua_traceback(lua_State *L);

/* Runs the function on top of the stack with `nargs` arguments below it,
 * under es_lua_traceback; returns the lua_pcall status. */
int es_lua_pcall(lua_State *L, int nargs, int nresults);

#endif
