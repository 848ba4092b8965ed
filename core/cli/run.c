/* Batch mode: `run SCRIPT [ARGS]`, `-e CHUNK` and input piped into the
 * program (Lua and dot-commands, as the shell reads them). An error in a
 * script file prints file:line: message and a traceback; elsewhere the
 * message alone. The exit status is 1 after an error. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shell.h"

/* Precompiled chunks bypass every check a sandbox makes on source: under
 * --sandbox only text is loaded. */
static const char *chunk_mode(const es_app *app)
{
    return app->sandbox && app->sandbox->restricted ? "t" : "bt";
}

/* Runs Lua code from a buffer, printing an error in one line; returns the
 * exit status. */
static int run_chunk(es_app *app, const char *code, size_t len, const char *chunkname)
{
    lua_State *L = app->L;
    if (es_app_start_clock(app) != 0)
        return ES_EXIT_FAILURE;
    int status = luaL_loadbufferx(L, code, len, chunkname, chunk_mode(app));
    if (status == LUA_OK)
        status = lua_pcall(L, 0, 0, 0);
    if (status != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        fprintf(stderr, "edushell: %s\n", msg ? msg : "(error object is not a string)");
        lua_pop(L, 1);
        return ES_EXIT_FAILURE;
    }
    return ES_EXIT_OK;
}

/* The global `arg` as lua sets it: arg[0] the script, arg[1..] its arguments. */
static void set_arg_table(lua_State *L, int argc, char **argv)
{
    lua_createtable(L, argc, 1);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i);
    }
    lua_setglobal(L, "arg");
}

int es_cmd_run(es_app *app, int argc, char **argv)
{
    if (argc < 1) {
        return es_usage_error("run", "no script given");
    }
    lua_State *L = app->L;
    if (es_app_start_clock(app) != 0)
        return ES_EXIT_FAILURE;
    set_arg_table(L, argc, argv);
    if (luaL_loadfilex(L, argv[0], chunk_mode(app)) != LUA_OK) {
        fprintf(stderr, "edushell: %s\n", lua_tostring(L, -1));
        return ES_EXIT_FAILURE;
    }
    for (int i = 1; i < argc; i++)
        lua_pushstring(L, argv[i]);
    if (es_lua_pcall(L, argc - 1, 0) != LUA_OK) {
        fprintf(stderr, "edushell: %s\n", lua_tostring(L, -1));
        return ES_EXIT_FAILURE;
    }
    return ES_EXIT_OK;
}

int es_cmd_eval(es_app *app, const char *chunk)
{
    return run_chunk(app, chunk, strlen(chunk), "=(command line)");
}

int es_cmd_stdin(es_app *app)
{
    es_shell sh;
    if (es_shell_init(&sh, app, 0) != 0)
        return ES_EXIT_FAILURE;
    int rc = es_shell_read_stream(&sh, stdin, "stdin");
    es_shell_free(&sh);
    return rc == ES_SHELL_ERROR ? ES_EXIT_FAILURE : ES_EXIT_OK;
}
