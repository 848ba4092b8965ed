/* The C module `edu.core`: loading through the pipeline, canonical metric
 * definitions, regions and display width, with the SQL functions of
 * edu_sql.c and the presenting ones of edu_present.c. The Lua
 * library wraps these into the analysts' `edu` table; nothing here is
 * meant to be called by analysts directly. */
#include "edu_core.h"

#include <lauxlib.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "edushell/load/ingest.h"
#include "edushell/text/normalize.h"

es_lua_env *es_lua_core_env(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, ES_LUA_ENV_KEY);
    es_lua_env *env = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!env)
        luaL_error(L, "edu.core: no database (the state was not opened by es_lua_open_edu)");
    return env;
}

/* --- load (writable stores only) ------------------------------------- */

typedef struct load_report {
    lua_State *L;
    int docs_index, errors_index;
} load_report;

static const char *put_result_name(es_put_result r)
{
    return r == ES_PUT_ADDED ? "added" : r == ES_PUT_REPLACED ? "replaced" : "unchanged";
}

static void on_document(void *ctx, const es_document *doc, es_put_result result)
{
    load_report *rep = ctx;
    lua_State *L = rep->L;
    lua_createtable(L, 0, 6);
    lua_pushstring(L, doc->src->name); lua_setfield(L, -2, "name");
    lua_pushstring(L, doc->meta.region); lua_setfield(L, -2, "region");
    if (doc->meta.year) { lua_pushinteger(L, doc->meta.year); lua_setfield(L, -2, "year"); }
    lua_pushstring(L, doc->meta.kind); lua_setfield(L, -2, "kind");
    lua_pushinteger(L, (lua_Integer)doc->indicators.n); lua_setfield(L, -2, "indicators");
    lua_pushstring(L, put_result_name(result)); lua_setfield(L, -2, "status");
    lua_rawseti(L, rep->docs_index, (lua_Integer)lua_rawlen(L, rep->docs_index) + 1);
}

static void on_error(void *ctx, const char *path, const char *reason)
{
    load_report *rep = ctx;
    lua_pushfstring(rep->L, "%s: %s", path, reason);
    lua_rawseti(rep->L, rep->errors_index, (lua_Integer)lua_rawlen(rep->L, rep->errors_index) + 1);
}

/* The pipeline, opened on first use (es_lua_env.open_pipeline); NULL when
 * there is none. A pipeline that cannot be opened is a Lua error. */
static const es_pipeline *pipeline(lua_State *L)
{
    es_lua_env *env = es_lua_core_env(L);
    if (!env->pipeline && env->open_pipeline) {
        es_err err = {{0}};
        if (!(env->pipeline = env->open_pipeline(env->open_pipeline_ctx, &err)))
            luaL_error(L, "%s", err.msg);
    }
    return env->pipeline;
}

/* core.load(path, ...) -> documents, errors */
static int l_load(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_argcheck(L, n >= 1, 1, "a path expected");
    const es_pipeline *p = pipeline(L);
    const char **paths = lua_newuserdatauv(L, (size_t)n * sizeof *paths, 0);
    for (int i = 0; i < n; i++)
        paths[i] = luaL_checkstring(L, i + 1);
    lua_newtable(L);
    lua_newtable(L);
    load_report rep = {L, lua_gettop(L) - 1, lua_gettop(L)};
    es_ingest_events ev = {.ctx = &rep, .on_document = on_document, .on_error = on_error};
    es_sink sink = es_store_sink(es_lua_core_env(L)->store);
    es_ingest_paths(p, &sink, paths, (size_t)n, 0, &ev, NULL);
    return 2;
}

/* --- canonical metrics ----------------------------------------------- */

static const char *opt_field(lua_State *L, int t, const char *key)
{
    /* Only real strings: the pointer stays valid because the table holds
     * the string, which a converted number would not be. */
    int type = lua_getfield(L, t, key);
    if (type != LUA_TNIL && type != LUA_TSTRING)
        luaL_error(L, "field '%s' must be a string", key);
    const char *v = lua_tostring(L, -1);
    lua_pop(L, 1);
    return v;
}

/* core.define_metric{id=, name=, aliases={...}, category=, unit=, direction=}
 * (writable stores only) */
static int l_define_metric(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    const char *id = opt_field(L, 1, "id"), *name = opt_field(L, 1, "name");
    if (!id || !*id)
        return luaL_error(L, "edu.metric.define: id required");
    lua_getfield(L, 1, "aliases");
    size_t n = lua_istable(L, -1) ? lua_rawlen(L, -1) : 0;
    const char **aliases = lua_newuserdatauv(L, (n ? n : 1) * sizeof *aliases, 0);
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, -2, (lua_Integer)i + 1) != LUA_TSTRING)
            return luaL_error(L, "edu.metric.define: aliases must be strings");
        aliases[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    es_err err = {{0}};
    if (es_store_define_metric(es_lua_core_env(L)->store, id, name && *name ? name : id, aliases, n,
                               opt_field(L, 1, "category"), opt_field(L, 1, "unit"),
                               opt_field(L, 1, "direction"), &err) != 0)
        return luaL_error(L, "edu.metric.define: %s", err.msg);
    return 0;
}

/* core.metric_id(phrase [, unit]) -> the canonical id or nil */
static int l_metric_id(lua_State *L)
{
    const char *id = es_metrics_match(es_store_metrics(es_lua_core_env(L)->store), luaL_checkstring(L, 1),
                                      luaL_optstring(L, 2, NULL));
    lua_pushstring(L, id);
    return 1;
}

/* core.width(s) -> columns the string takes in a terminal */
static int l_width(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_pushinteger(L, (lua_Integer)es_display_width(s, len));
    return 1;
}

/* --- regions (the gazetteer) ----------------------------------------- */

static const es_gazetteer *gazetteer(lua_State *L)
{
    const es_pipeline *p = pipeline(L);
    return p ? p->gazetteer : NULL;
}

static void push_region(lua_State *L, const es_gazetteer *gz, long index)
{
    const es_region *r = es_gazetteer_get(gz, index);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, r->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, r->short_name);
    lua_setfield(L, -2, "short");
    lua_pushstring(L, es_level_name(r->level));
    lua_setfield(L, -2, "level");
    lua_pushstring(L, es_gazetteer_get(gz, r->province)->name);
    lua_setfield(L, -2, "province");
}

/* core.region_find(name) -> the regions whose full or short name is
 * exactly `name` (highest level first), or nil without a gazetteer */
static int l_region_find(lua_State *L)
{
    size_t len;
    const char *name = luaL_checklstring(L, 1, &len);
    const es_gazetteer *gz = gazetteer(L);
    if (!gz)
        return 0;
    enum { MAX_MATCHES = 16 };
    long found[MAX_MATCHES];
    size_t name_len = 0;
    int is_short = 0;
    size_t n = es_gazetteer_match(gz, name, len, 1, found, MAX_MATCHES, &name_len, &is_short);
    lua_newtable(L);
    if (name_len != len)
        return 1;
    for (size_t i = 0; i < n && i < MAX_MATCHES; i++) {
        push_region(L, gz, found[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* core.region_list() -> every region of the gazetteer (name, short,
 * level, province), or nil without one */
static int l_region_list(lua_State *L)
{
    const es_gazetteer *gz = gazetteer(L);
    if (!gz)
        return 0;
    size_t n = es_gazetteer_count(gz);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_region(L, gz, (long)i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* A directory being read, closed when collected (a Lua error while its
 * names are pushed leaks nothing). */
static const char DIR_GUARD[] = "edushell.dir";

static int dir_guard_gc(lua_State *L)
{
    DIR **slot = luaL_checkudata(L, 1, DIR_GUARD);
    if (*slot)
        closedir(*slot);
    *slot = NULL;
    return 0;
}

/* core.list_dir(path) -> the names in a directory (no . or ..), or nil
 * and the reason */
static int l_list_dir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR **slot = lua_newuserdatauv(L, sizeof *slot, 0);
    *slot = NULL;
    if (luaL_newmetatable(L, DIR_GUARD)) {
        lua_pushcfunction(L, dir_guard_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    if (!(*slot = opendir(path))) {
        luaL_pushfail(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_newtable(L);
    lua_Integer n = 0;
    for (struct dirent *e; (e = readdir(*slot)) != NULL;) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            lua_pushstring(L, e->d_name);
            lua_rawseti(L, -2, ++n);
        }
    }
    closedir(*slot);
    *slot = NULL;
    return 1;
}

/* --- the module ------------------------------------------------------ */

static const luaL_Reg READERS[] = {
    {"metric_id", l_metric_id},
    {"width", l_width},
    {"region_find", l_region_find},
    {"region_list", l_region_list},
    {"list_dir", l_list_dir},
    {NULL, NULL},
};

static const luaL_Reg WRITERS[] = {
    {"define_metric", l_define_metric},
    {NULL, NULL},
};

int es_lua_open_core(lua_State *L)
{
    es_lua_env *env = es_lua_core_env(L);
    if (!env->store && env->open_store) {
        es_err err = {{0}};
        if (!(env->store = env->open_store(env->open_store_ctx, &err)))
            return luaL_error(L, "%s", err.msg);
    }
    int writable = !es_store_is_read_only(env->store);
    lua_newtable(L);
    luaL_setfuncs(L, READERS, 0);
    luaL_setfuncs(L, es_lua_sql_functions, 0);
    luaL_setfuncs(L, es_lua_present_functions, 0);
    if (writable) {
        luaL_setfuncs(L, WRITERS, 0);
        if (env->pipeline || env->open_pipeline) {
            lua_pushcfunction(L, l_load);
            lua_setfield(L, -2, "load");
        }
    }
    lua_pushboolean(L, writable);
    lua_setfield(L, -2, "writable");
    lua_pushstring(L, es_store_path(env->store));
    lua_setfield(L, -2, "db_path");
    return 1;
}
