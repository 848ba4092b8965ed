/* edushell: command-line entry point.
 *
 *   edushell [--db FILE] [--sandbox] [COMMAND [ARGS...]]
 *
 * With no command: the REPL on a terminal, else Lua read from stdin. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "edushell/base/config.h"

static const char USAGE[] =
    "usage: edushell [--db FILE] [--sandbox] [COMMAND [ARGS...]]\n"
    "\n"
    "Analysis shell for Chinese education work documents: loads documents into\n"
    "SQLite, extracts their quantitative indicators, and runs Lua over them.\n"
    "\n"
    "commands:\n"
    "  load [--changed] PATH...     load files and directories (text, GB18030, HTML, CSV)\n"
    "  export indicators|documents [--format jsonl|csv] [--out FILE]\n"
    "  run SCRIPT.lua [ARGS...]     run a Lua script (arg as in lua)\n"
    "  report TEMPLATE [--region R]... [--year Y] [--format md|html] [--set KEY=VALUE]...\n"
    "         [--wait SECONDS] --out FILE\n"
    "                               render a report template to FILE (atomically), recorded in runs\n"
    "  -e CHUNK                     run a Lua chunk\n"
    "  (none)                       REPL on a terminal; Lua from stdin otherwise\n"
    "\n"
    "options:\n"
    "  --db FILE      database (default: $EDUSHELL_DB, else ./edushell.db)\n"
    "  --sandbox      for scripts and templates from others: no processes, C modules,\n"
    "                 binary chunks or file writes (but report --out); read-only SQL\n"
    "  --max-instructions N   end a script after N Lua instructions (sandbox: 200000000)\n"
    "  --max-memory MB        end a script that holds more than MB of memory (sandbox: 512)\n"
    "  -h, --help     this help\n"
    "  --version      version\n";

typedef struct command {
    const char *name;
    int needs;
    int (*run)(es_app *app, int argc, char **argv);
} command;

static const command COMMANDS[] = {
    {"load", ES_APP_STORE | ES_APP_PIPELINE, es_cmd_load},
    {"export", ES_APP_STORE, es_cmd_export},
    {"run", ES_APP_LUA, es_cmd_run},
    {"report", ES_APP_LUA, es_cmd_report},
};

/* Global options: the database and the sandbox. */
typedef struct options {
    const char *db;
    es_sandbox_options sandbox;
} options;

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    return NULL;
}

static const char *default_db(void)
{
    const char *env = getenv("EDUSHELL_DB");
    return env && *env ? env : "edushell.db";
}

static int run_lua_entry(const options *o, const char *chunk)
{
    es_app app;
    int status = 1;
    if (es_app_open_sandboxed(&app, o->db, ES_APP_LUA, &o->sandbox) == 0) {
        if (chunk)
            status = es_cmd_eval(&app, chunk);
        else if (isatty(STDIN_FILENO))
            status = es_cmd_repl(&app);
        else
            status = es_cmd_stdin(&app);
    }
    return es_app_finish(&app, status);
}

/* A positive count for --max-instructions / --max-memory; 0 (after
 * saying why) if the text is not one. */
static unsigned long long parse_count(const char *opt, const char *text)
{
    char *end = NULL;
    errno = 0;
    unsigned long long n = text[0] >= '0' && text[0] <= '9' ? strtoull(text, &end, 10) : 0;
    if (n == 0 || *end != '\0' || errno != 0) {
        es_app_error("%s needs a positive whole number, not '%s'", opt, text);
        return 0;
    }
    return n;
}

int main(int argc, char **argv)
{
    options o = {.db = default_db()};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(opt, "--version") == 0 || strcmp(opt, "-v") == 0) {
            printf("edushell %s\n", EDUSHELL_VERSION);
            return 0;
        } else if (strcmp(opt, "--db") == 0 && i + 1 < argc) {
            o.db = argv[++i];
        } else if (strncmp(opt, "--db=", 5) == 0) {
            o.db = opt + 5;
        } else if (strcmp(opt, "--sandbox") == 0) {
            o.sandbox.enabled = 1;
        } else if (strcmp(opt, "--max-instructions") == 0 && i + 1 < argc) {
            if (!(o.sandbox.max_instructions = parse_count(opt, argv[++i])))
                return 2;
        } else if (strcmp(opt, "--max-memory") == 0 && i + 1 < argc) {
            if (!(o.sandbox.max_memory_mb = parse_count(opt, argv[++i])))
                return 2;
        } else if (strcmp(opt, "-e") == 0 && i + 1 < argc) {
            return run_lua_entry(&o, argv[i + 1]);
        } else if (strcmp(opt, "-") == 0) {
            break;
        } else {
            es_app_error("unknown option '%s' (try --help)", opt);
            return 2;
        }
    }
    if (i == argc || strcmp(argv[i], "-") == 0)
        return run_lua_entry(&o, NULL);

    const command *cmd = find_command(argv[i]);
    if (!cmd) {
        es_app_error("unknown command '%s' (try --help)", argv[i]);
        return 2;
    }
    es_app app;
    int status = 1;
    if (es_app_open_sandboxed(&app, o.db, cmd->needs, &o.sandbox) == 0)
        status = cmd->run(&app, argc - i - 1, argv + i + 1);
    return es_app_finish(&app, status);
}
