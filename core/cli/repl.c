/* The interactive shell: readline, history, Lua statements and expressions
 * (an expression's value is printed), multi-line chunks, dot-commands, and
 * Ctrl-C to stop a running chunk. */
#include <lauxlib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "app.h"
#include "edushell/base/config.h"

/* Signal handlers can only reach what is global: the state running a chunk
 * (as in lua.c) and whether Ctrl-C came during line input. */
static lua_State *running_state;
static es_store *running_store;
static volatile sig_atomic_t interrupted;

static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted");
}

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
    if (running_state)
        lua_sethook(running_state, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
    if (running_store)
        es_store_interrupt(running_store);
}

/* Ctrl-C while typing: drop the line and prompt again. */
static int on_readline_signal(void)
{
    if (interrupted) {
        interrupted = 0;
        rl_replace_line("", 0);
        rl_done = 1;
    }
    return 0;
}

/* Calls the function on the stack with nargs arguments, with Ctrl-C armed;
 * prints an error and returns non-zero on failure. */
static int call_interruptible(es_app *app, int nargs, int nresults)
{
    running_state = app->L;
    running_store = app->store;
    interrupted = 0;
    int status = es_lua_pcall(app->L, nargs, nresults);
    running_state = NULL;
    running_store = NULL;
    lua_sethook(app->L, NULL, 0, 0);
    if (app->sandbox)
        es_sandbox_arm(app->sandbox, app->L);
    if (status != LUA_OK) {
        fprintf(stderr, "%s\n", lua_tostring(app->L, -1));
        lua_pop(app->L, 1);
    }
    return status;
}

/* Prints whatever the chunk left on the stack above `base` with edu.show. */
static void show_results(es_app *app, int base)
{
    lua_State *L = app->L;
    int n = lua_gettop(L) - base;
    if (n <= 0)
        return;
    lua_getglobal(L, "edu");
    lua_getfield(L, -1, "show");
    lua_remove(L, -2);
    lua_insert(L, base + 1);
    call_interruptible(app, n, 0);
    lua_settop(L, base);
}

/* --- dot-commands ------------------------------------------------------ */

typedef struct dot_command {
    const char *name, *args, *help;
    const char *lua_function; /* edu.repl's function, called with the text after the name */
} dot_command;

static const dot_command DOT_COMMANDS[] = {
    {".help", "[NAME]", "list commands, or show the help of an edu function", "help"},
    {".load", "PATH...", "load files or directories", "load"},
    {".docs", "[REGION]", "list loaded documents", "docs"},
    {".indicators", "[METRIC]", "list indicators, optionally those whose metric contains METRIC", "indicators"},
    {".sql", "QUERY", "run one SQL statement and show its rows", "sql"},
    {".search", "TEXT", "sentences containing TEXT", "search"},
    {".why", "ID", "the sentence and document an indicator comes from", "why"},
    {".metrics", "[CATEGORY]", "the canonical metric table", "metrics"},
    {".runs", "", "recorded report runs", "runs"},
    {".overview", "", "documents, counts and a few indicators of each", "overview"},
    {".quit", "", "leave the shell (also .exit, Ctrl-D)", NULL},
    {".exit", "", NULL, NULL},
};

/* Where the REPL keeps the module edu.repl, required when it starts. */
#define REPL_MODULE_KEY "edushell.repl"

static int require_repl_module(es_app *app)
{
    lua_getglobal(app->L, "require");
    lua_pushliteral(app->L, "edu.repl");
    if (call_interruptible(app, 1, 1) != LUA_OK)
        return -1;
    lua_setfield(app->L, LUA_REGISTRYINDEX, REPL_MODULE_KEY);
    return 0;
}

static void print_dot_help(void)
{
    for (size_t i = 0; i < sizeof DOT_COMMANDS / sizeof DOT_COMMANDS[0]; i++)
        if (DOT_COMMANDS[i].help)
            printf("  %-12s %-10s %s\n", DOT_COMMANDS[i].name, DOT_COMMANDS[i].args,
                   DOT_COMMANDS[i].help);
    puts("Anything else is Lua: statements run, expressions print their value.\n"
         "The edu module: edu.load, edu.docs, edu.indicators, edu.sql, edu.search ...\n"
         "(.help edu.indicators for one).");
}

/* Returns 1 when the shell should quit. */
static int run_dot_command(es_app *app, const char *line)
{
    size_t name_len = strcspn(line, " \t");
    const char *args = line + name_len;
    args += strspn(args, " \t");
    for (size_t i = 0; i < sizeof DOT_COMMANDS / sizeof DOT_COMMANDS[0]; i++) {
        const dot_command *c = &DOT_COMMANDS[i];
        if (strlen(c->name) != name_len || strncmp(c->name, line, name_len) != 0)
            continue;
        if (!c->lua_function)
            return 1;
        if (strcmp(c->name, ".help") == 0 && !*args) {
            print_dot_help();
            return 0;
        }
        int base = lua_gettop(app->L);
        lua_getfield(app->L, LUA_REGISTRYINDEX, REPL_MODULE_KEY);
        lua_getfield(app->L, -1, c->lua_function);
        lua_remove(app->L, -2);
        int nargs = *args ? 1 : 0;
        if (nargs)
            lua_pushstring(app->L, args);
        if (call_interruptible(app, nargs, LUA_MULTRET) == LUA_OK)
            show_results(app, base);
        lua_settop(app->L, base);
        return 0;
    }
    fprintf(stderr, "unknown command %.*s (try .help)\n", (int)name_len, line);
    return 0;
}

/* --- Lua input --------------------------------------------------------- */

static int is_incomplete(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX)
        return 0;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    return len >= 5 && strcmp(msg + len - 5, "<eof>") == 0;
}

/* Compiles `code`, first as `return code` so an expression's value shows. */
static int compile_input(lua_State *L, const char *code)
{
    es_buf ret = {0};
    es_buf_printf(&ret, "return %s;", code);
    int status = luaL_loadbufferx(L, ret.data, ret.len, "=stdin", "t");
    es_buf_free(&ret);
    if (status == LUA_OK)
        return status;
    lua_pop(L, 1);
    return luaL_loadbufferx(L, code, strlen(code), "=stdin", "t");
}

/* Reads lines until they form a complete chunk; the chunk is left compiled
 * on the stack. Returns LUA_OK, a syntax error status (message on the
 * stack), or -1 at end of input. */
static int read_chunk(lua_State *L, es_buf *code, const char *first_line)
{
    es_buf_puts(code, first_line);
    for (;;) {
        int status = compile_input(L, code->data);
        if (!is_incomplete(L, status))
            return status;
        lua_pop(L, 1);
        char *more = readline(">> ");
        if (!more)
            return -1;
        es_buf_putc(code, '\n');
        es_buf_puts(code, more);
        free(more);
    }
}

static void run_lua_input(es_app *app, const char *line)
{
    lua_State *L = app->L;
    int base = lua_gettop(L);
    es_buf code = {0};
    int status = read_chunk(L, &code, line);
    if (code.len)
        add_history(code.data);
    if (status == LUA_OK) {
        if (call_interruptible(app, 0, LUA_MULTRET) == LUA_OK)
            show_results(app, base);
    } else if (status != -1) {
        fprintf(stderr, "%s\n", lua_tostring(L, -1));
    }
    lua_settop(L, base);
    es_buf_free(&code);
}

static char *history_path(void)
{
    const char *env = getenv("EDUSHELL_HISTORY");
    if (env && *env)
        return es_xstrdup(env);
    const char *home = getenv("HOME");
    if (!home || !*home)
        return NULL;
    es_buf p = {0};
    es_buf_printf(&p, "%s/.edushell_history", home);
    return es_buf_take(&p, NULL);
}

int es_cmd_repl(es_app *app)
{
    if (require_repl_module(app) != 0)
        return ES_EXIT_FAILURE;
    printf("edushell %s (%s) - .help for help, .quit to leave\n", EDUSHELL_VERSION, LUA_RELEASE);
    char *history = history_path();
    if (history)
        read_history(history);
    rl_signal_event_hook = on_readline_signal;
    struct sigaction sa = {0};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    char *line;
    while ((line = readline("edu> ")) != NULL) {
        const char *text = line + strspn(line, " \t");
        int quit = 0;
        if (*text == '.') {
            add_history(text);
            quit = run_dot_command(app, text);
        } else if (*text) {
            run_lua_input(app, text);
        }
        free(line);
        if (quit)
            break;
    }
    if (!line)
        putchar('\n');
    if (history) {
        write_history(history);
        history_truncate_file(history, 2000);
        free(history);
    }
    return ES_EXIT_OK;
}
