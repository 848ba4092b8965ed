/* What every command works on: the database, the pipeline and, for the
 * commands that run Lua, the Lua state. */
#ifndef EDUSHELL_CLI_APP_H
#define EDUSHELL_CLI_APP_H

#include <lua.h>

#include "edushell/base/config.h"
#include "edushell/load/pipeline.h"
#include "edushell/lua/edu.h"
#include "edushell/store/store.h"
#include "edushell/lua/sandbox.h"

/* Exit statuses, named in one place (as jq does) so scripts and cron can
 * tell them apart. */
typedef enum es_exit {
    ES_EXIT_OK = 0,
    ES_EXIT_FAILURE = 1, /* a script's error, a file that did not load, a failed report */
    ES_EXIT_USAGE = 2,   /* a bad command line: unknown option, command or argument */
    ES_EXIT_LOCKED = 75, /* EX_TEMPFAIL: another report run holds the lock; try later */
} es_exit;

typedef struct es_app {
    const char *db_path;
    es_paths paths;           /* data tables and Lua library */
    es_store *store;
    es_pipeline pipeline;
    int has_pipeline;
    lua_State *L;
    es_lua_env lua_env;
    es_sandbox *sandbox; /* owned; NULL unless sandboxed or limited */
    int lock_fd;         /* the report run's lock on the database file; -1 none */
} es_app;

/* Lua opens the pipeline itself, when edu.load or a region look-up first
 * needs it. ES_APP_STORE_ON_USE: a Lua session that uses the store only
 * through the library (not a report, which records its run) leaves it to
 * the library to open the store on first use, unless it is sandboxed. */
enum { ES_APP_STORE = 1, ES_APP_PIPELINE = 2, ES_APP_LUA = 4 | 1, ES_APP_STORE_ON_USE = 8 };

/* Opens what `needs` asks for, with the Lua state sandboxed or limited as
 * `sandbox` asks (NULL: neither); prints a one-line error and returns -1
 * on failure. */
int es_app_open_sandboxed(es_app *app, const char *db_path, int needs,
                          const es_sandbox_options *sandbox);
/* Starts the wall clock of --timeout for a batch run (not the REPL);
 * prints why and returns -1 when it cannot. */
int es_app_start_clock(es_app *app);

/* Closes the app and returns the exit status: `status`, or ES_EXIT_FAILURE after
 * reporting it when a sandbox limit ended the script. */
int es_app_finish(es_app *app, int status);

/* How results print (-csv, -header ...): a mode of edu.display, headers
 * (-1: as the mode has them), the separator of list mode. */
typedef struct es_display_options {
    const char *mode;
    int headers;
    const char *separator;
} es_display_options;

/* Applies them to the app's Lua state, and the terminal's width when
 * standard output is one. Returns 0, or -1 after printing why. */
int es_app_display(es_app *app, const es_display_options *d);

/* "edushell: " + message on stderr. */
void es_app_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "edushell: COMMAND: message (usage: edushell COMMAND ...)" on stderr,
 * the usage from the command table; returns ES_EXIT_USAGE. */
int es_usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "16M", "200k", "1G", "4096": bytes; 0 when it is not a size. */
size_t es_parse_size(const char *s);

/* Commands; each returns the process exit status. */
int es_cmd_load(es_app *app, int argc, char **argv);
int es_cmd_extract(es_app *app, int argc, char **argv);
int es_cmd_export(es_app *app, int argc, char **argv);
int es_cmd_run(es_app *app, int argc, char **argv);
int es_cmd_report(es_app *app, int argc, char **argv);
int es_cmd_eval(es_app *app, const char *chunk);
int es_cmd_stdin(es_app *app);
int es_cmd_repl(es_app *app);

#endif
