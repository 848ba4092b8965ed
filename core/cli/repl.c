/* The interactive shell on a terminal: readline's callback interface, so
 * that Ctrl-C at the prompt clears the line and a pending multi-line
 * chunk at once (and stops a running chunk otherwise); history; and tab
 * completion of dot-commands, edu functions and their option names,
 * regions, metrics, templates and, after .load/.read/.output/.once, file
 * names. Lines go to the shell (shell.c). */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "shell.h"

enum { HISTORY_LINES = 2000 };

typedef struct repl {
    es_shell shell;
    es_input input;
    es_buf chunk;        /* the lines of the chunk being typed, for history */
    int lineno;          /* of the next line within the chunk */
    char *line;          /* the line readline handed over; NULL at the end */
    int have_line;
} repl;

/* Readline's callbacks take no context, and signal handlers reach only
 * globals: the REPL being run, and what the signals asked for. */
static repl *active;
static volatile sig_atomic_t sigint_at_prompt, window_changed;

static void on_sigint(int sig)
{
    (void)sig;
    if (!es_shell_interrupt())
        sigint_at_prompt = 1;
}

static void on_sigwinch(int sig)
{
    (void)sig;
    window_changed = 1;
}

/* The line is done: stop reading (no prompt) until it has run. */
static void on_line(char *line)
{
    active->line = line;
    active->have_line = 1;
    rl_callback_handler_remove();
}

static const char *prompt(const repl *r)
{
    return es_shell_continues(&r->input) ? ">> " : "edu> ";
}

/* --- completion --------------------------------------------------------- */

/* The candidates of the current completion, handed out one by one. */
static char **candidates;
static size_t ncandidates;

static void free_candidates(void)
{
    for (size_t i = 0; i < ncandidates; i++)
        free(candidates[i]);
    free(candidates);
    candidates = NULL;
    ncandidates = 0;
}

static char *next_candidate(const char *text, int state)
{
    static size_t at;
    (void)text;
    if (state == 0)
        at = 0;
    return at < ncandidates ? es_xstrdup(candidates[at++]) : NULL;
}

static void add_candidate(const char *s)
{
    candidates = es_xrealloc(candidates, (ncandidates + 1) * sizeof *candidates);
    candidates[ncandidates++] = es_xstrdup(s);
}

/* Asks edu.repl.complete(before, word) for the candidates. */
static void lua_candidates(const char *before, size_t before_len, const char *word)
{
    lua_State *L = active->shell.app->L;
    int base = lua_gettop(L);
    lua_getfield(L, LUA_REGISTRYINDEX, "edushell.repl");
    lua_getfield(L, -1, "complete");
    lua_pushlstring(L, before, before_len);
    lua_pushstring(L, word);
    if (lua_pcall(L, 2, 1, 0) == LUA_OK && lua_istable(L, -1)) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -1, i) == LUA_TSTRING)
                add_candidate(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
    }
    lua_settop(L, base);
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    free_candidates();
    rl_attempted_completion_over = 1; /* never file names unless asked below */
    rl_completion_append_character = '\0';
    const char *line = rl_line_buffer;
    size_t lead = strspn(line, " \t");
    if (line[lead] == '.' && (size_t)start <= lead) {
        size_t len = strlen(text);
        for (size_t i = 0; es_shell_dot_name(i); i++)
            if (strncmp(es_shell_dot_name(i), text, len) == 0)
                add_candidate(es_shell_dot_name(i));
        rl_completion_append_character = ' ';
    } else if (line[lead] == '.' && es_shell_dot_takes_file(line + lead, strcspn(line + lead, " \t"))) {
        rl_attempted_completion_over = 0;
        return NULL;
    } else {
        lua_candidates(line, (size_t)start, text);
    }
    if (ncandidates == 0)
        return NULL;
    return rl_completion_matches(text, next_candidate);
}

/* --- the loop ------------------------------------------------------------- */

static void remember(repl *r, const char *line)
{
    if (r->chunk.len)
        es_buf_putc(&r->chunk, '\n');
    es_buf_puts(&r->chunk, line);
    if (!es_shell_continues(&r->input)) {
        if (r->chunk.len && r->chunk.data[strspn(r->chunk.data, " \t\n")])
            add_history(r->chunk.data);
        r->chunk.len = 0;
    }
}

/* Ctrl-C at the prompt: the line and any pending chunk are dropped. */
static void clear_input(repl *r)
{
    rl_callback_sigcleanup();
    rl_free_line_state();
    rl_callback_handler_remove();
    fputs("^C\n", rl_outstream);
    fflush(rl_outstream);
    es_shell_discard(&r->input);
    r->chunk.len = 0;
    r->lineno = 1;
    rl_callback_handler_install(prompt(r), on_line);
}

/* Runs one line; returns ES_SHELL_QUIT to leave. */
static int take_line(repl *r, const char *line)
{
    int continuing = es_shell_continues(&r->input);
    if (!continuing)
        r->lineno = 1;
    int rc = es_shell_line(&r->shell, &r->input, line, r->lineno++);
    remember(r, line);
    return rc;
}

static int wait_for_input(void)
{
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    return select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
}

static void loop(repl *r)
{
    rl_callback_handler_install(prompt(r), on_line);
    for (;;) {
        if (window_changed) {
            window_changed = 0;
            rl_resize_terminal();
        }
        if (sigint_at_prompt) {
            sigint_at_prompt = 0;
            clear_input(r);
            continue;
        }
        if (wait_for_input() < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        rl_callback_read_char();
        if (!r->have_line)
            continue;
        r->have_line = 0;
        if (!r->line) {
            fputc('\n', rl_outstream ? rl_outstream : stdout);
            break;
        }
        int rc = take_line(r, r->line);
        free(r->line);
        r->line = NULL;
        sigint_at_prompt = 0; /* a Ctrl-C that stopped the chunk is spent */
        if (rc == ES_SHELL_QUIT)
            return;
        rl_callback_handler_install(prompt(r), on_line);
    }
    rl_callback_handler_remove();
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

static void set_signals(void)
{
    struct sigaction sa = {0};
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_sigint; /* no SA_RESTART: select returns at once */
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_sigwinch;
    sigaction(SIGWINCH, &sa, NULL);
}

/* Readline reads UTF-8 (CJK input, completion of Chinese names) only in a
 * UTF-8 locale: the environment's, else C.UTF-8. */
static void set_locale(void)
{
    const char *l = setlocale(LC_CTYPE, "");
    if (!l || (!strstr(l, "UTF-8") && !strstr(l, "utf8")))
        setlocale(LC_CTYPE, "C.UTF-8");
}

int es_cmd_repl(es_app *app)
{
    repl r = {0};
    if (es_shell_init(&r.shell, app, 1) != 0)
        return ES_EXIT_FAILURE;
    r.input.name = "stdin";
    active = &r;
    set_locale();
    printf("edushell %s (%s) - .help for help, .quit to leave\n", EDUSHELL_VERSION, LUA_RELEASE);
    char *history = history_path();
    if (history)
        read_history(history);
    /* The prompt and the line being typed go to the terminal even while
     * .output sends results to a file. */
    int tty = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 0);
    FILE *terminal = tty >= 0 ? fdopen(tty, "w") : NULL;
    if (terminal)
        rl_outstream = terminal;
    rl_readline_name = "edushell";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_attempted_completion_function = complete;
    rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,";
    set_signals();
    loop(&r);
    if (history) {
        write_history(history);
        history_truncate_file(history, HISTORY_LINES);
        free(history);
    }
    if (terminal) {
        rl_outstream = NULL;
        fclose(terminal);
    }
    free_candidates();
    es_buf_free(&r.chunk);
    es_buf_free(&r.input.pending);
    es_shell_free(&r.shell);
    active = NULL;
    return ES_EXIT_OK;
}
