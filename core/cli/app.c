/* Opening and closing what the commands share. */
#include "app.h"

#include <lauxlib.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "edushell/base/config.h"
#include "edushell/base/sha256.h"

void es_app_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("edushell: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* es_lua_env.open_pipeline: the pipeline of a Lua session, opened when
 * edu.load or a region look-up first needs it, and linked with the
 * database's metric table as a load's is. */
static const es_pipeline *open_pipeline(void *ctx, es_err *err)
{
    es_app *app = ctx;
    if (!app->has_pipeline) {
        if (es_pipeline_open(&app->pipeline, app->paths.data, err) != 0)
            return NULL;
        app->has_pipeline = 1;
        es_pipeline_use_metrics(&app->pipeline, es_store_metrics(app->store));
    }
    return &app->pipeline;
}

/* The largest part of the database read through a memory map. */
#define QUERY_MAP_BYTES ((int64_t)2 << 30)

/* Long work the store is about to do (upgrading the database). */
static void print_notice(void *ctx, const char *message)
{
    es_app_error("%s: %s", (const char *)ctx, message);
}

/* The canonical metric table of data/ goes into the database, so matches
 * made at load time and queries agree; the pipeline then links with the
 * database's table, which holds analysts' definitions too. Most starts find
 * the file's bytes as they were last synced: its hash is all they read of
 * it, and they write nothing. A load, which writes anyway, records the hash
 * for a database synced before it was kept. */
static int sync_metrics(es_app *app, es_err *err)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/metrics.tsv", app->paths.data);
    es_err why = {{0}};
    char *bytes;
    size_t len;
    if (es_read_file(path, &bytes, &len, &why) != 0)
        return es_err_set(err, "%s: %s", path, why.msg);
    char sha256[65];
    es_sha256_hex(bytes, len, sha256);
    free(bytes);
    int rc = 0;
    if (!es_store_metrics_file_synced(app->store, sha256)) {
        es_metric_table from_file = {0};
        const es_metric_table *table = app->has_pipeline ? &app->pipeline.file_metrics : &from_file;
        if (!app->has_pipeline && (rc = es_metrics_load_tsv(&from_file, path, &why)) != 0)
            es_err_set(err, "%s: %s", path, why.msg);
        else if ((rc = es_store_sync_metrics_file(app->store, table, sha256, app->has_pipeline, &why)) != 0)
            es_err_set(err, "%s: %s", app->db_path, why.msg);
        es_metrics_free(&from_file);
    }
    if (rc == 0 && app->has_pipeline)
        es_pipeline_use_metrics(&app->pipeline, es_store_metrics(app->store));
    return rc;
}

/* Opens the database, up to date with data/metrics.tsv; -1 with the reason
 * (naming the file) in err. */
static int open_store(es_app *app, es_err *err)
{
    es_err why = {{0}};
    es_store_notice notice = {print_notice, (void *)app->db_path};
    app->store = es_store_open_notify(app->db_path, &notice, &why);
    if (!app->store)
        return es_err_set(err, "%s: %s", app->db_path, why.msg);
    if (sync_metrics(app, err) != 0) {
        es_store_close(app->store);
        app->store = NULL;
        return -1;
    }
    return 0;
}

/* es_lua_env.open_store: the database of a session that did not open it at
 * the start, opened when the library is first used. */
static es_store *open_store_on_use(void *ctx, es_err *err)
{
    es_app *app = ctx;
    if (!app->store && open_store(app, err) != 0)
        return NULL;
    es_store_map_for_queries(app->store, QUERY_MAP_BYTES);
    return app->store;
}

static int open_lua(es_app *app)
{
    app->L = app->sandbox ? es_sandbox_newstate(app->sandbox) : luaL_newstate();
    if (!app->L) {
        es_app_error("cannot create a Lua state");
        return -1;
    }
    es_err err = {{0}};
    /* Scripts from others read the database; only the store's own
     * bookkeeping (report runs) writes. A read-only store gives a state
     * without the writers (edu.load, edu.metric.define). */
    if (app->sandbox && app->sandbox->restricted && es_store_read_only(app->store, &err) != 0) {
        es_app_error("%s: %s", app->db_path, err.msg);
        return -1;
    }
    /* A session queries: reading through a memory map spares a read call
     * per page (rankings and comparisons visit thousands). */
    if (app->store)
        es_store_map_for_queries(app->store, QUERY_MAP_BYTES);
    app->lua_env.store = app->store;
    app->lua_env.open_store = open_store_on_use;
    app->lua_env.open_store_ctx = app;
    app->lua_env.pipeline = app->has_pipeline ? &app->pipeline : NULL;
    app->lua_env.open_pipeline = open_pipeline;
    app->lua_env.open_pipeline_ctx = app;
    app->lua_env.scripts_dir = app->paths.scripts;
    if (es_lua_open_edu(app->L, &app->lua_env, &err) != 0) {
        es_app_error("%s", err.msg);
        return -1;
    }
    if (app->sandbox && es_sandbox_apply(app->sandbox, app->L, &app->lua_env, &err) != 0) {
        es_app_error("%s", err.msg);
        return -1;
    }
    return 0;
}

/* The protected part of es_app_display: argument 1 the options. */
static int set_display(lua_State *L)
{
    const es_display_options *d = lua_touserdata(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "edu.display");
    lua_call(L, 1, 1);
    lua_getfield(L, -1, "set");
    lua_createtable(L, 0, 4);
    if (d->mode) {
        lua_pushstring(L, d->mode);
        lua_setfield(L, -2, "mode");
    }
    if (d->headers >= 0) {
        lua_pushboolean(L, d->headers);
        lua_setfield(L, -2, "headers");
    }
    if (d->separator) {
        lua_pushstring(L, d->separator);
        lua_setfield(L, -2, "separator");
    }
    struct winsize ws;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        lua_pushinteger(L, ws.ws_col);
        lua_setfield(L, -2, "max_width");
    }
    lua_call(L, 1, 0);
    return 0;
}

int es_app_display(es_app *app, const es_display_options *d)
{
    /* Nothing to set: edu.display is left to load when something prints. */
    if (!d->mode && d->headers < 0 && !d->separator && !isatty(STDOUT_FILENO))
        return 0;
    lua_pushcfunction(app->L, set_display);
    lua_pushlightuserdata(app->L, (void *)d);
    if (lua_pcall(app->L, 1, 0, 0) != LUA_OK) {
        es_app_error("%s", lua_tostring(app->L, -1));
        lua_pop(app->L, 1);
        return -1;
    }
    return 0;
}

int es_app_open_sandboxed(es_app *app, const char *db_path, int needs,
                          const es_sandbox_options *sandbox)
{
    memset(app, 0, sizeof *app);
    app->lock_fd = -1;
    app->db_path = db_path;
    es_err err = {{0}};
    if (es_sandbox_wanted(sandbox)) {
        app->sandbox = es_xmalloc(sizeof *app->sandbox);
        if (es_sandbox_init(app->sandbox, sandbox, &err) != 0) {
            es_app_error("%s", err.msg);
            return -1;
        }
    }
    if (es_paths_find(&app->paths, &err) != 0) {
        es_app_error("%s", err.msg);
        return -1;
    }
    if (needs & ES_APP_PIPELINE) {
        if (es_pipeline_open(&app->pipeline, app->paths.data, &err) != 0) {
            es_app_error("%s", err.msg);
            return -1;
        }
        app->has_pipeline = 1;
    }
    /* A session whose library opens the store when first used starts
     * without it (a script that never queries never opens the database);
     * a sandboxed one opens it now, to guard it before any script runs. */
    int on_use = (needs & ES_APP_STORE_ON_USE) && !app->sandbox;
    if ((needs & ES_APP_STORE) && !on_use && open_store(app, &err) != 0) {
        es_app_error("%s", err.msg);
        return -1;
    }
    if ((needs & ES_APP_LUA) == ES_APP_LUA)
        return open_lua(app);
    return 0;
}

int es_app_start_clock(es_app *app)
{
    es_err err = {{0}};
    if (app->sandbox && es_sandbox_start_clock(app->sandbox, app->store, &err) != 0) {
        es_app_error("%s", err.msg);
        return -1;
    }
    return 0;
}

static void close_app(es_app *app)
{
    /* Lua's finalizers run under the clock; the clock stops before the
     * store it may interrupt is closed. */
    if (app->L)
        lua_close(app->L);
    if (app->sandbox)
        es_sandbox_free(app->sandbox);
    if (app->has_pipeline)
        es_pipeline_close(&app->pipeline);
    es_store_close(app->store);
    /* After the store: closing a descriptor of the database file would
     * drop SQLite's own locks on it. */
    if (app->lock_fd >= 0)
        close(app->lock_fd);
    free(app->sandbox);
    memset(app, 0, sizeof *app);
}

int es_app_finish(es_app *app, int status)
{
    /* Lua reports a refused allocation as "not enough memory": say which
     * limit it was. The instruction limit's error names itself. */
    char buf[256];
    const char *limit = app->sandbox ? es_sandbox_limit_message(app->sandbox, buf, sizeof buf) : NULL;
    if (limit && app->sandbox->hit == ES_LIMIT_MEMORY)
        es_app_error("%s", limit);
    if (limit)
        status = ES_EXIT_FAILURE;
    close_app(app);
    return status;
}

/* "16M", "200k", "1G", "4096": bytes, 0 when it is not a size. */
size_t es_parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    double unit = *end == 'k' || *end == 'K'   ? 1024.0
                  : *end == 'm' || *end == 'M' ? 1048576.0
                  : *end == 'g' || *end == 'G' ? 1073741824.0
                                               : 1.0;
    if (unit > 1.0)
        end++;
    if (end == s || *end || v < 1 || v * unit > 1e12)
        return 0;
    return (size_t)(v * unit);
}
