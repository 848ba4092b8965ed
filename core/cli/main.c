/* edushell: command-line entry point.
 *
 *   edushell [OPTIONS] [COMMAND [ARGS...]]
 *
 * With no command: the REPL on a terminal, else Lua read from stdin. The
 * tables below hold every command and option with its usage and help;
 * `--help` and `edushell COMMAND --help` are printed from them. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "edushell/base/config.h"

typedef struct command {
    const char *name;
    const char *usage;   /* what follows "edushell NAME" */
    const char *summary; /* one line, for edushell --help */
    const char *help;    /* the rest of edushell NAME --help */
    int needs;
    int (*run)(es_app *app, int argc, char **argv);
    int own_args;        /* arguments after the first belong to a script: no --help among them */
} command;

static const command COMMANDS[] = {
    {"load", "[--changed] [--convert] [--max-size SIZE] [--jobs N] [--batch SIZE] PATH... | --jsonl SHARD...",
     "load files and directories (text, HTML, CSV, DOCX, ODT, PDF, XLSX, ODS)",
     "Loads files and directories (recursively) into the database and prints one line\n"
     "per document: name, region, year, kind and the number of indicators. Worker\n"
     "threads build documents; they are stored in batches, one transaction each, with\n"
     "each document whole or not at all. A file that cannot be read gets one error\n"
     "line; the others still load and the exit status is 1.\n"
     "\n"
     "Formats, told by content: text (UTF-8, UTF-16, GB18030/GBK, Big5), HTML pages,\n"
     "CSV corpora with a full_text column, Word (DOCX), OpenDocument text (ODT), PDF\n"
     "with a text layer, Excel (XLSX) and OpenDocument (ODS) workbooks. Legacy Word,\n"
     "Excel and WPS files (.doc, .xls, .wps) and RTF are refused with what to do,\n"
     "or converted with --convert. In a directory, files that are not documents\n"
     "(.md, .jsonl, .tsv, images ...) are skipped and counted; a file named is always\n"
     "tried.\n"
     "\n"
     "  --changed    skip documents whose bytes are stored already, without decoding them\n"
     "  --convert    convert .doc, .xls, .wps and RTF files with LibreOffice (soffice)\n"
     "               first; off by default\n"
     "  --max-size SIZE  the longest document, a file or a CSV row, in bytes or with\n"
     "               k, M or G (default 64M); a longer one is an error\n"
     "  --jobs N     threads that build documents (default: one per core beyond one)\n"
     "  --batch SIZE text stored per transaction, in bytes or with k or M (default 16M)\n"
     "  --jsonl      the paths are files written by extract: their documents are merged\n"
     "               into the database as if loaded here\n",
     ES_APP_STORE | ES_APP_PIPELINE, es_cmd_load, 0},
    {"extract", "[--max-size SIZE] [--jobs N] [--out FILE] PATH...",
     "write every document with its indicators as a line of JSON, without a database",
     "Reads files and directories as load does and writes each document as one line of\n"
     "JSON: its metadata, text, sentences and indicators (with the fields of export).\n"
     "No database is opened, so extraction can be the map step of GNU parallel, xargs\n"
     "-P, Spark or Hadoop streaming; load --jsonl merges the files into a database.\n"
     "\n"
     "  --jobs N     threads that build documents (default: one per core beyond one)\n"
     "  --out FILE   write to FILE instead of standard output\n",
     ES_APP_PIPELINE, es_cmd_extract, 0},
    {"export", "indicators|documents [--format jsonl|csv|xlsx] [--bom] [--out FILE]",
     "write every indicator or document as JSON lines, CSV or an Excel workbook",
     "Writes every indicator (id, doc, region, start, end, number, metric, value,\n"
     "value_hi, unit, display, kind, cmp, scope, year, sentence, metric_id) or document\n"
     "(path, name, title, region, region_level, province, year, kind, issuer, issued,\n"
     "sha256, indicators). Values are as stored; display is the figure as a reader\n"
     "writes it (3723.35亿元, 1–2所, 30所以上). In CSV, text starting with = + - @\n"
     "gets a leading apostrophe so a spreadsheet keeps it as text.\n"
     "\n"
     "  --format F   jsonl (the default), csv, or xlsx (a header row kept in view,\n"
     "               numbers as numbers; needs --out)\n"
     "  --bom        start a CSV with a byte order mark, for Excel\n"
     "  --out FILE   write to FILE instead of standard output\n",
     ES_APP_STORE, es_cmd_export, 0},
    {"run", "SCRIPT.lua [ARGS...]", "run a Lua script (arg and ... as in lua)",
     "Runs a Lua script with the edu module. arg[0] is the script, arg[1]... and ...\n"
     "its arguments. An error prints file:line: message and a traceback; exit status 1.\n",
     ES_APP_LUA | ES_APP_STORE_ON_USE, es_cmd_run, 1},
    {"report",
     "TEMPLATE [--region R]... [--year Y] [--format md|html] [--set KEY=VALUE]... [--wait SECONDS] --out FILE",
     "render a report template to FILE (atomically), recorded in runs",
     "Renders scripts/templates/TEMPLATE.FORMAT.tpl (or a template file given by its\n"
     "path) and writes FILE through a temporary file renamed over it, so a failed run\n"
     "leaves the previous report. One run at a time per database: a second run exits\n"
     "with status 75 unless --wait gives it time. Every run is a row of the runs table.\n"
     "\n"
     "  --region R       a region (repeat for several)\n"
     "  --year Y         the year of the figures\n"
     "  --format F       md (the default) or html\n"
     "  --set KEY=VALUE  any other argument of the template (args.KEY)\n"
     "  --wait SECONDS   wait that long for another run's lock\n"
     "  --out FILE       the report to write\n",
     ES_APP_LUA, es_cmd_report, 0},
};

typedef struct option_help {
    const char *names, *help;
} option_help;

static const option_help OPTIONS[] = {
    {"--db FILE", "database (default: $EDUSHELL_DB, else ./edushell.db)"},
    {"-e CHUNK", "run a Lua chunk"},
    {"--sandbox", "for scripts and templates from others: only base, string, table,\n"
                  "math, utf8, coroutine and edu; files read-only, in the scripts\n"
                  "folder and --allow-read directories; SQL that only reads"},
    {"--allow-read DIR", "let a sandboxed script read files under DIR (repeatable)"},
    {"--max-instructions N", "end a script after N Lua instructions and SQL steps\n"
                             "(sandbox: 200000000)"},
    {"--max-memory MB", "end a script whose Lua, or whose SQL, holds more than MB\n"
                        "(sandbox: 512)"},
    {"--timeout SECONDS", "end a script (run, -e, report) after SECONDS of wall-clock\n"
                          "time, even inside a C function (sandbox: 300)"},
    {"-csv, -json, -jsonl", "results as CSV, a JSON array or JSON lines (values as stored)"},
    {"-box, -table, -line", "results in boxes, an ASCII table, or one value a line"},
    {"-markdown", "results as a Markdown table"},
    {"-column, -list, -tabs", "an aligned table (the default); values with a separator or tabs"},
    {"-header, -noheader", "column names on or off"},
    {"-separator SEP", "the separator of -list (default |)"},
    {"-h, --help", "this help; COMMAND --help for a command's"},
    {"--version", "version"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Prints `text` with every line after the first indented to `column`. */
static void print_indented(FILE *out, const char *text, int column)
{
    for (const char *nl; (nl = strchr(text, '\n')) != NULL; text = nl + 1)
        fprintf(out, "%.*s\n%*s", (int)(nl - text), text, column, "");
    fprintf(out, "%s\n", text);
}

static void print_help(FILE *out)
{
    enum { COLUMN = 24 };
    fputs("usage: edushell [OPTIONS] [COMMAND [ARGS...]]\n"
          "\n"
          "Analysis shell for Chinese education work documents: loads documents into\n"
          "SQLite, extracts their quantitative indicators, and runs Lua over them.\n"
          "With no command: the REPL on a terminal, Lua from standard input otherwise.\n"
          "\ncommands:\n", out);
    for (size_t i = 0; i < COUNT(COMMANDS); i++)
        fprintf(out, "  %-*s%s\n", COLUMN - 2, COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\noptions:\n", out);
    for (size_t i = 0; i < COUNT(OPTIONS); i++) {
        fprintf(out, "  %-*s", COLUMN - 2, OPTIONS[i].names);
        print_indented(out, OPTIONS[i].help, COLUMN);
    }
    fputs("\nedushell COMMAND --help shows a command's options.\n", out);
}

static void print_command_help(const command *c)
{
    printf("usage: edushell [OPTIONS] %s %s\n\n%s", c->name, c->usage, c->help);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < COUNT(COMMANDS); i++)
        if (strcmp(COMMANDS[i].name, name) == 0)
            return &COMMANDS[i];
    return NULL;
}

int es_usage_error(const char *command_name, const char *fmt, ...)
{
    const command *c = find_command(command_name);
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "edushell: %s: ", command_name);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (c)
        fprintf(stderr, " (usage: edushell %s %s)", c->name, c->usage);
    fputc('\n', stderr);
    return ES_EXIT_USAGE;
}

/* Whether the command's arguments ask for its help. */
static int wants_help(const command *c, int argc, char **argv)
{
    for (int i = 0; i < argc && (i == 0 || !c->own_args); i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    return 0;
}

#define MAX_ALLOW_READ 32

/* Global options: the database, the sandbox, how results print. */
typedef struct options {
    const char *db;
    es_sandbox_options sandbox;
    const char *allow_read[MAX_ALLOW_READ];
    es_display_options display;
} options;

/* sqlite3's output options: -csv, -json ... name a mode of edu.display. */
static const char *const OUTPUT_MODES[] = {
    "column", "table", "box", "markdown", "line", "list", "tabs", "csv", "json", "jsonl",
};

static const char *output_mode(const char *opt)
{
    for (size_t i = 0; i < COUNT(OUTPUT_MODES); i++)
        if (opt[0] == '-' && strcmp(opt + 1, OUTPUT_MODES[i]) == 0)
            return OUTPUT_MODES[i];
    return NULL;
}

/* Opens the app and, when it has Lua, sets how results print. */
static int open_app(es_app *app, const options *o, int needs)
{
    if (es_app_open_sandboxed(app, o->db, needs, &o->sandbox) != 0)
        return -1;
    return app->L ? es_app_display(app, &o->display) : 0;
}

static const char *default_db(void)
{
    const char *env = getenv("EDUSHELL_DB");
    return env && *env ? env : "edushell.db";
}

static int run_lua_entry(const options *o, const char *chunk)
{
    es_app app;
    int status = ES_EXIT_FAILURE;
    if (open_app(&app, o, ES_APP_LUA | ES_APP_STORE_ON_USE) == 0) {
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

/* A positive number of seconds for --timeout; 0 (after saying why) if
 * the text is not one. */
static double parse_seconds(const char *opt, const char *text)
{
    char *end = NULL;
    errno = 0;
    double t = text[0] >= '0' && text[0] <= '9' ? strtod(text, &end) : 0;
    if (!(t > 0) || *end != '\0' || errno != 0 || t > 1e9) {
        es_app_error("%s needs a positive number of seconds, not '%s'", opt, text);
        return 0;
    }
    return t;
}

static int run_command(const options *o, const command *cmd, int argc, char **argv)
{
    if (wants_help(cmd, argc, argv)) {
        print_command_help(cmd);
        return ES_EXIT_OK;
    }
    es_app app;
    int status = ES_EXIT_FAILURE;
    if (open_app(&app, o, cmd->needs) == 0)
        status = cmd->run(&app, argc, argv);
    return es_app_finish(&app, status);
}

int main(int argc, char **argv)
{
    options o = {.db = default_db(), .display = {.headers = -1}};
    o.sandbox.allow_read = o.allow_read;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "-h") == 0 || strcmp(opt, "--help") == 0) {
            print_help(stdout);
            return ES_EXIT_OK;
        } else if (strcmp(opt, "--version") == 0 || strcmp(opt, "-v") == 0) {
            printf("edushell %s\n", EDUSHELL_VERSION);
            return ES_EXIT_OK;
        } else if (strcmp(opt, "--db") == 0 && i + 1 < argc) {
            o.db = argv[++i];
        } else if (strncmp(opt, "--db=", 5) == 0) {
            o.db = opt + 5;
        } else if (strcmp(opt, "--sandbox") == 0) {
            o.sandbox.enabled = 1;
        } else if (strcmp(opt, "--max-instructions") == 0 && i + 1 < argc) {
            if (!(o.sandbox.max_instructions = parse_count(opt, argv[++i])))
                return ES_EXIT_USAGE;
        } else if (strcmp(opt, "--max-memory") == 0 && i + 1 < argc) {
            if (!(o.sandbox.max_memory_mb = parse_count(opt, argv[++i])))
                return ES_EXIT_USAGE;
        } else if (strcmp(opt, "--timeout") == 0 && i + 1 < argc) {
            if (!(o.sandbox.timeout = parse_seconds(opt, argv[++i])))
                return ES_EXIT_USAGE;
        } else if (strcmp(opt, "--allow-read") == 0 && i + 1 < argc) {
            if (o.sandbox.nallow_read == MAX_ALLOW_READ) {
                es_app_error("at most %d --allow-read options", MAX_ALLOW_READ);
                return ES_EXIT_USAGE;
            }
            o.allow_read[o.sandbox.nallow_read++] = argv[++i];
        } else if (output_mode(opt)) {
            o.display.mode = output_mode(opt);
        } else if (strcmp(opt, "-header") == 0 || strcmp(opt, "-noheader") == 0) {
            o.display.headers = opt[1] == 'h';
        } else if (strcmp(opt, "-separator") == 0 && i + 1 < argc) {
            o.display.separator = argv[++i];
        } else if (strcmp(opt, "-e") == 0 && i + 1 < argc) {
            return run_lua_entry(&o, argv[i + 1]);
        } else if (strcmp(opt, "-") == 0) {
            break;
        } else {
            es_app_error("unknown option '%s' (try --help)", opt);
            return ES_EXIT_USAGE;
        }
    }
    if (i == argc || strcmp(argv[i], "-") == 0)
        return run_lua_entry(&o, NULL);

    const command *cmd = find_command(argv[i]);
    if (!cmd) {
        es_app_error("unknown command '%s' (try --help)", argv[i]);
        return ES_EXIT_USAGE;
    }
    return run_command(&o, cmd, argc - i - 1, argv + i + 1);
}
