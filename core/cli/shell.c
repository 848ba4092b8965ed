/* The shell's line processor: Lua chunks and dot-commands from the REPL,
 * piped input and .read files, results in the display mode, errors in one
 * line, .output/.once redirection and the pager. */
#include "shell.h"

#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "edushell/present/sheet.h"

/* Where the shell keeps the module edu.repl in the registry. */
#define REPL_MODULE_KEY "edushell.repl"
/* .read files within .read files, at most. */
#define MAX_READ_DEPTH 16

/* --- Ctrl-C while a chunk runs -------------------------------------------
 * A signal handler can only reach what is global: the state running a
 * chunk (as in lua.c) and the app whose store it queries (the library
 * may open the store during the chunk). */
static lua_State *running_state;
static es_app *running_app;

static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    luaL_error(L, "interrupted");
}

int es_shell_interrupt(void)
{
    if (!running_state)
        return 0;
    lua_sethook(running_state, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
    if (running_app && running_app->store)
        es_store_interrupt(running_app->store);
    return 1;
}

/* --- running Lua ----------------------------------------------------------- */

static void report_error(const es_shell *sh, const char *msg)
{
    if (sh->interactive)
        fprintf(stderr, "%s\n", msg);
    else
        fprintf(stderr, "edushell: %s\n", msg);
}

/* Message handler: the error as text, without a traceback (a person's
 * mistake reads best in one line, as sqlite3 and lua's REPL print it). */
static int error_text(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING)
        return 1;
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
        return 1;
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    return 1;
}

/* Calls the function below its nargs arguments with Ctrl-C armed; on an
 * error prints it (the sandbox's limit, when one ended it) and returns
 * ES_SHELL_ERROR. */
static int call(es_shell *sh, int nargs, int nresults)
{
    es_app *app = sh->app;
    lua_State *L = app->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, error_text);
    lua_insert(L, base);
    running_state = L;
    running_app = app;
    int status = lua_pcall(L, nargs, nresults, base);
    running_state = NULL;
    running_app = NULL;
    lua_remove(L, base);
    lua_sethook(L, NULL, 0, 0);
    if (app->sandbox)
        es_sandbox_arm(app->sandbox, L);
    if (status == LUA_OK)
        return ES_SHELL_OK;
    char buf[256];
    const char *limit = app->sandbox ? es_sandbox_limit_message(app->sandbox, buf, sizeof buf) : NULL;
    report_error(sh, limit ? limit : lua_tostring(L, -1));
    lua_pop(L, 1);
    return ES_SHELL_ERROR;
}

/* Pushes edu.repl's function `name`. */
static void push_repl_function(lua_State *L, const char *name)
{
    lua_getfield(L, LUA_REGISTRYINDEX, REPL_MODULE_KEY);
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
}

/* --- showing results ------------------------------------------------------ */

static int terminal_size(int *rows, int *cols)
{
    struct winsize ws;
    if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
        return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

static size_t count_lines(const char *s, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

static const char *pager_command(const es_shell *sh)
{
    const char *env = getenv("PAGER");
    return sh->pager_cmd ? sh->pager_cmd : env && *env ? env : "less -RS";
}

/* Writes text through the pager; -1 when it cannot be started. A pager
 * that quits early (q in less) leaves the rest unread: no SIGPIPE. */
static int page(const es_shell *sh, const char *text, size_t len)
{
    fflush(stdout);
    struct sigaction ignore = {0}, old;
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old);
    FILE *p = popen(pager_command(sh), "w");
    if (p) {
        fwrite(text, 1, len, p);
        fputc('\n', p);
        pclose(p);
    }
    sigaction(SIGPIPE, &old, NULL);
    return p ? 0 : -1;
}

/* Shows the values above `base` on the stack, rendered by edu.repl, and
 * pops them. */
static int show_results(es_shell *sh, int base)
{
    lua_State *L = sh->app->L;
    int n = lua_gettop(L) - base;
    if (n <= 0)
        return ES_SHELL_OK;
    int rows = 0, cols = 0;
    int on_terminal = sh->saved_stdout < 0 && terminal_size(&rows, &cols) == 0;
    push_repl_function(L, "render");
    lua_insert(L, base + 1);
    if (on_terminal)
        lua_pushinteger(L, cols);
    else
        lua_pushnil(L);
    lua_insert(L, base + 2);
    if (call(sh, n + 1, 2) != ES_SHELL_OK) {
        lua_settop(L, base);
        return ES_SHELL_ERROR;
    }
    size_t len;
    const char *text = lua_tolstring(L, base + 1, &len);
    if (text && len > 0) {
        int paged = sh->interactive && sh->pager_on && on_terminal && rows > 1 &&
                    count_lines(text, len) >= (size_t)rows - 1 && page(sh, text, len) == 0;
        if (!paged) {
            fwrite(text, 1, len, stdout);
            fputc('\n', stdout);
        }
    }
    /* A capped result's note, where the mode's text cannot hold it. */
    if (sh->interactive && lua_isstring(L, base + 2))
        fprintf(stderr, "%s\n", lua_tostring(L, base + 2));
    fflush(stdout);
    lua_settop(L, base);
    return ES_SHELL_OK;
}

/* --- .output and .once ------------------------------------------------------ */

static void restore_stdout(es_shell *sh)
{
    if (sh->saved_stdout < 0)
        return;
    fflush(stdout);
    dup2(sh->saved_stdout, STDOUT_FILENO);
    close(sh->saved_stdout);
    sh->saved_stdout = -1;
    sh->once = 0;
}

/* Points standard output at `path` (truncated), after a byte order mark
 * when asked, until restore_stdout. */
static int redirect_stdout(es_shell *sh, const char *path, int bom)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: cannot write: %s", path, strerror(errno));
        report_error(sh, msg);
        return ES_SHELL_ERROR;
    }
    fflush(stdout);
    if (sh->saved_stdout < 0)
        sh->saved_stdout = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    if (bom)
        fputs(ES_UTF8_BOM, stdout);
    return ES_SHELL_OK;
}

/* After each command: .once has had its one. */
static void command_done(es_shell *sh)
{
    if (sh->once)
        restore_stdout(sh);
}

/* --- dot-commands ----------------------------------------------------------- */

typedef struct dot_command dot_command;
typedef int (*dot_fn)(es_shell *sh, es_input *in, const char *args);

enum {
    DOT_WRITES = 1,    /* writes files: refused in the sandbox */
    DOT_FILE_ARG = 2,  /* its argument is a file name (completion) */
    DOT_HIDDEN = 4,    /* not listed by .help */
};

struct dot_command {
    const char *name, *args, *help;
    dot_fn run;        /* done in C ... */
    const char *lua;   /* ... or by edu.repl's function, called with the text after the name */
    unsigned flags;
};

static int dot_help(es_shell *sh, es_input *in, const char *args);
static int dot_output(es_shell *sh, es_input *in, const char *args);
static int dot_once(es_shell *sh, es_input *in, const char *args);
static int dot_read(es_shell *sh, es_input *in, const char *args);
static int dot_pager(es_shell *sh, es_input *in, const char *args);
static int dot_quit(es_shell *sh, es_input *in, const char *args);

static const dot_command DOT_COMMANDS[] = {
    {".help", "[NAME]", "commands, or the help of an edu function (.help edu.rank)", dot_help, NULL, 0},
    {".load", "PATH...", "load files or directories", NULL, "load", DOT_FILE_ARG},
    {".docs", "[REGION]", "loaded documents (regions as people write them: 无锡, 江苏)", NULL, "docs", 0},
    {".indicators", "[METRIC]", "indicators whose metric contains METRIC (the first 200)", NULL, "indicators", 0},
    {".search", "TEXT", "sentences containing TEXT (the first 100)", NULL, "search", 0},
    {".why", "ID", "the sentence and document indicator ID comes from", NULL, "why", 0},
    {".metrics", "[CATEGORY]", "the canonical metric table", NULL, "metrics", 0},
    {".overview", "", "documents, counts and a few indicators of each", NULL, "overview", 0},
    {".runs", "", "recorded report runs", NULL, "runs", 0},
    {".sql", "QUERY", "one SQL statement", NULL, "sql", 0},
    {".tables", "[PATTERN]", "tables and views of the database", NULL, "tables", 0},
    {".schema", "[NAME]", "the SQL that created them", NULL, "schema", 0},
    {".mode", "[MODE]", "how results print: column table box markdown line list tabs csv json jsonl", NULL, "mode", 0},
    {".headers", "on|off", "column names in column, list, tabs and csv modes", NULL, "headers", 0},
    {".separator", "SEP", "the separator of list mode (\\t: a tab)", NULL, "separator", 0},
    {".width", "N...", "column widths (0 fits the column, negative aligns right)", NULL, "width", 0},
    {".output", "[--bom] [FILE]", "results to FILE until .output alone (--bom: for Excel)", dot_output, NULL,
     DOT_WRITES | DOT_FILE_ARG},
    {".once", "[--bom] FILE", "the next result to FILE", dot_once, NULL, DOT_WRITES | DOT_FILE_ARG},
    {".read", "FILE", "run the Lua and dot-commands of FILE", dot_read, NULL, DOT_FILE_ARG},
    {".pager", "on|off|CMD", "results taller than the terminal through a pager ($PAGER, else less -RS)",
     dot_pager, NULL, 0},
    {".quit", "", "leave the shell (also .exit, Ctrl-D)", dot_quit, NULL, 0},
    {".exit", "", NULL, dot_quit, NULL, DOT_HIDDEN},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *es_shell_dot_name(size_t i)
{
    return i < COUNT(DOT_COMMANDS) ? DOT_COMMANDS[i].name : NULL;
}

static const dot_command *find_dot(const char *name, size_t len)
{
    for (size_t i = 0; i < COUNT(DOT_COMMANDS); i++)
        if (strlen(DOT_COMMANDS[i].name) == len && strncmp(DOT_COMMANDS[i].name, name, len) == 0)
            return &DOT_COMMANDS[i];
    return NULL;
}

int es_shell_dot_takes_file(const char *name, size_t len)
{
    const dot_command *c = find_dot(name, len);
    return c && (c->flags & DOT_FILE_ARG);
}

static int dot_help(es_shell *sh, es_input *in, const char *args)
{
    (void)in;
    if (*args) {
        lua_State *L = sh->app->L;
        int base = lua_gettop(L);
        push_repl_function(L, "help");
        lua_pushstring(L, args);
        if (call(sh, 1, LUA_MULTRET) != ES_SHELL_OK)
            return ES_SHELL_ERROR;
        return show_results(sh, base);
    }
    for (size_t i = 0; i < COUNT(DOT_COMMANDS); i++) {
        const dot_command *c = &DOT_COMMANDS[i];
        if (!(c->flags & DOT_HIDDEN))
            printf("  %-11s %-15s %s\n", c->name, c->args, c->help);
    }
    puts("Anything else is Lua: statements run, expressions print their value.\n"
         "The edu module: edu.docs, edu.indicators, edu.series, edu.rank, edu.sql ...\n"
         "(.help edu.indicators for one).");
    return ES_SHELL_OK;
}

/* "--bom FILE" or "FILE": the file (NULL for none) and whether a BOM goes first. */
static const char *file_arg(const char *args, int *bom)
{
    *bom = 0;
    if (strncmp(args, "--bom", 5) == 0 && (args[5] == ' ' || args[5] == '\t' || args[5] == '\0')) {
        *bom = 1;
        args += 5;
        args += strspn(args, " \t");
    }
    return *args ? args : NULL;
}

static int dot_output(es_shell *sh, es_input *in, const char *args)
{
    (void)in;
    int bom;
    const char *path = file_arg(args, &bom);
    restore_stdout(sh);
    if (!path || strcmp(path, "stdout") == 0)
        return ES_SHELL_OK;
    return redirect_stdout(sh, path, bom);
}

static int dot_once(es_shell *sh, es_input *in, const char *args)
{
    (void)in;
    int bom;
    const char *path = file_arg(args, &bom);
    if (!path) {
        report_error(sh, "usage: .once [--bom] FILE");
        return ES_SHELL_ERROR;
    }
    restore_stdout(sh);
    if (redirect_stdout(sh, path, bom) != ES_SHELL_OK)
        return ES_SHELL_ERROR;
    sh->once = 1;
    return ES_SHELL_OK;
}

static int dot_read(es_shell *sh, es_input *in, const char *args)
{
    (void)in;
    if (!*args) {
        report_error(sh, "usage: .read FILE");
        return ES_SHELL_ERROR;
    }
    if (sh->read_depth >= MAX_READ_DEPTH) {
        report_error(sh, ".read: files read each other too deep");
        return ES_SHELL_ERROR;
    }
    FILE *f = fopen(args, "r");
    if (!f) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: cannot read: %s", args, strerror(errno));
        report_error(sh, msg);
        return ES_SHELL_ERROR;
    }
    sh->read_depth++;
    int rc = es_shell_read_stream(sh, f, args);
    sh->read_depth--;
    fclose(f);
    return rc;
}

static int dot_pager(es_shell *sh, es_input *in, const char *args)
{
    (void)in;
    if (!*args || strcmp(args, "on") == 0) {
        sh->pager_on = 1;
    } else if (strcmp(args, "off") == 0) {
        sh->pager_on = 0;
    } else {
        free(sh->pager_cmd);
        sh->pager_cmd = es_xstrdup(args);
        sh->pager_on = 1;
    }
    return ES_SHELL_OK;
}

static int dot_quit(es_shell *sh, es_input *in, const char *args)
{
    (void)sh, (void)in, (void)args;
    return ES_SHELL_QUIT;
}

/* Calls edu.repl's function for a dot-command and shows what it returns. */
static int run_lua_dot(es_shell *sh, const dot_command *c, const char *args)
{
    lua_State *L = sh->app->L;
    int base = lua_gettop(L);
    push_repl_function(L, c->lua);
    int nargs = *args ? 1 : 0;
    if (nargs)
        lua_pushstring(L, args);
    if (call(sh, nargs, LUA_MULTRET) != ES_SHELL_OK) {
        lua_settop(L, base);
        return ES_SHELL_ERROR;
    }
    return show_results(sh, base);
}

static int run_dot(es_shell *sh, es_input *in, const char *line)
{
    line += strspn(line, " \t");
    size_t name_len = strcspn(line, " \t");
    const dot_command *c = find_dot(line, name_len);
    if (!c) {
        char msg[256];
        snprintf(msg, sizeof msg, "unknown command %.*s (try .help)", (int)(name_len < 64 ? name_len : 64), line);
        report_error(sh, msg);
        return ES_SHELL_ERROR;
    }
    /* the argument text, without the blanks around it */
    char args[4096];
    const char *a = line + name_len;
    a += strspn(a, " \t");
    size_t n = strlen(a);
    while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\r'))
        n--;
    snprintf(args, sizeof args, "%.*s", (int)n, a);
    if ((c->flags & DOT_WRITES) && sh->app->sandbox && sh->app->sandbox->restricted) {
        char msg[128];
        snprintf(msg, sizeof msg, "sandbox: %s writes files; not allowed", c->name);
        report_error(sh, msg);
        return ES_SHELL_ERROR;
    }
    int rc = c->run ? c->run(sh, in, args) : run_lua_dot(sh, c, args);
    if (c->run != dot_once && c->run != dot_output)
        command_done(sh);
    return rc;
}

/* --- Lua input --------------------------------------------------------------- */

static int is_dot_line(const char *line)
{
    line += strspn(line, " \t");
    return line[0] == '.' && ((line[1] >= 'a' && line[1] <= 'z') || (line[1] >= 'A' && line[1] <= 'Z'));
}

static int is_incomplete(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX)
        return 0;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    return len >= 5 && strcmp(msg + len - 5, "<eof>") == 0;
}

/* Where the last non-blank line of the pending text starts. */
static size_t last_line_start(const es_buf *b)
{
    size_t end = b->len;
    while (end > 0 && strchr(" \t\r\n", b->data[end - 1]))
        end--;
    size_t start = end;
    while (start > 0 && b->data[start - 1] != '\n')
        start--;
    return start;
}

/* Compiles the pending lines so that values show, trying in turn: the
 * whole as one expression (`return ...`), the last line as an expression
 * after the statements before it (as a notebook shows its last value),
 * and the whole as statements. Line numbers count from the input's first
 * line. Leaves the function or the last error on the stack. */
static int compile_pending(es_shell *sh, const es_input *in)
{
    lua_State *L = sh->app->L;
    const es_buf *p = &in->pending;
    size_t last = p->len ? last_line_start(p) : 0;
    char chunkname[512];
    snprintf(chunkname, sizeof chunkname, "=%s", in->name);
    int status = LUA_ERRSYNTAX;
    for (int attempt = 0; attempt < 3 && status != LUA_OK; attempt++) {
        if (attempt == 1 && last == 0)
            continue; /* one line: the same as the first attempt */
        if (attempt > 0)
            lua_pop(L, 1);
        es_buf code = {0};
        for (int i = 1; i < in->first_line; i++)
            es_buf_putc(&code, '\n');
        if (attempt == 0)
            es_buf_puts(&code, "return ");
        if (attempt == 1) {
            es_buf_append(&code, p->data, last);
            es_buf_puts(&code, "return ");
            es_buf_append(&code, p->data + last, p->len - last);
        } else {
            es_buf_append(&code, p->data ? p->data : "", p->len);
        }
        /* Precompiled chunks bypass every check a sandbox makes on source. */
        status = luaL_loadbufferx(L, code.data ? code.data : "", code.len, chunkname, "t");
        es_buf_free(&code);
    }
    return status;
}

void es_shell_discard(es_input *in)
{
    in->pending.len = 0;
    if (in->pending.data)
        in->pending.data[0] = '\0';
    in->first_line = 0;
}

int es_shell_continues(const es_input *in)
{
    return in->pending.len > 0;
}

/* Runs the pending lines as one chunk and shows an expression's values. */
static int run_pending(es_shell *sh, es_input *in)
{
    lua_State *L = sh->app->L;
    int base = lua_gettop(L);
    int status = compile_pending(sh, in);
    es_shell_discard(in);
    int rc;
    if (status != LUA_OK) {
        report_error(sh, lua_tostring(L, -1));
        rc = ES_SHELL_ERROR;
    } else if ((rc = call(sh, 0, LUA_MULTRET)) == ES_SHELL_OK) {
        rc = show_results(sh, base);
    }
    lua_settop(L, base);
    command_done(sh);
    return rc;
}

static void append_line(es_input *in, const char *line, int lineno)
{
    if (in->pending.len == 0)
        in->first_line = lineno;
    else
        es_buf_putc(&in->pending, '\n');
    es_buf_puts(&in->pending, line);
}

/* Whether the pending lines may end here: not inside an unfinished
 * statement or string. */
static int pending_ends_here(es_shell *sh, const es_input *in)
{
    if (in->pending.len == 0)
        return 1;
    lua_State *L = sh->app->L;
    int status = compile_pending(sh, in);
    int incomplete = is_incomplete(L, status);
    lua_pop(L, 1);
    return !incomplete;
}

int es_shell_line(es_shell *sh, es_input *in, const char *line, int lineno)
{
    if (is_dot_line(line) && pending_ends_here(sh, in)) {
        if (in->pending.len > 0) {
            int rc = run_pending(sh, in);
            if (rc != ES_SHELL_OK)
                return rc;
        }
        return run_dot(sh, in, line);
    }
    if (in->pending.len == 0 && line[strspn(line, " \t\r")] == '\0')
        return ES_SHELL_OK;
    append_line(in, line, lineno);
    if (in->by_segment)
        return ES_SHELL_OK;
    /* A person's lines run once they form a chunk. */
    lua_State *L = sh->app->L;
    int status = compile_pending(sh, in);
    int incomplete = is_incomplete(L, status);
    lua_pop(L, 1);
    return incomplete ? ES_SHELL_OK : run_pending(sh, in);
}

int es_shell_finish(es_shell *sh, es_input *in)
{
    int rc = in->pending.len > 0 ? run_pending(sh, in) : ES_SHELL_OK;
    es_buf_free(&in->pending);
    return rc;
}

int es_shell_read_stream(es_shell *sh, FILE *f, const char *name)
{
    es_input in = {.name = name, .by_segment = 1};
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0, rc = ES_SHELL_OK;
    while (rc == ES_SHELL_OK && (n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        rc = es_shell_line(sh, &in, line, ++lineno);
    }
    free(line);
    if (rc == ES_SHELL_OK)
        rc = es_shell_finish(sh, &in);
    else
        es_buf_free(&in.pending);
    return rc;
}

/* --- setting up ---------------------------------------------------------- */

int es_shell_init(es_shell *sh, es_app *app, int interactive)
{
    memset(sh, 0, sizeof *sh);
    sh->app = app;
    sh->interactive = interactive;
    sh->pager_on = 1;
    sh->saved_stdout = -1;
    lua_State *L = app->L;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "edu.repl");
    if (call(sh, 1, 1) != ES_SHELL_OK)
        return -1;
    lua_setfield(L, LUA_REGISTRYINDEX, REPL_MODULE_KEY);
    return 0;
}

void es_shell_free(es_shell *sh)
{
    restore_stdout(sh);
    free(sh->pager_cmd);
    sh->pager_cmd = NULL;
}
