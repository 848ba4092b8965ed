/* The shell: lines of input, as a person types them at the REPL, as piped
 * into the program, or as read from a file by .read, become Lua chunks
 * and dot-commands (after sqlite3's shell), and their results are shown
 * in the display mode, through a pager when a person reads them. */
#ifndef EDUSHELL_CLI_SHELL_H
#define EDUSHELL_CLI_SHELL_H

#include <stdio.h>

#include "app.h"

typedef struct es_shell {
    es_app *app;
    int interactive;     /* a person at a terminal: one-line errors, going on after them, the pager */
    int pager_on;        /* .pager on|off */
    char *pager_cmd;     /* .pager CMD, owned; NULL: $PAGER, else less -RS */
    int saved_stdout;    /* the real standard output while .output/.once redirect it, else -1 */
    int once;            /* .once: put standard output back after the next command */
    int read_depth;      /* .read files being read */
} es_shell;

/* Where lines come from. Piped input and files run their Lua between
 * dot-commands as one chunk (so locals last); a person's lines run as
 * soon as they form a complete chunk, as in lua's REPL. */
typedef struct es_input {
    const char *name;    /* chunk name: "stdin" or the file's path */
    int by_segment;
    es_buf pending;      /* Lua lines not run yet */
    int first_line;      /* the line number of the first pending line */
} es_input;

enum { ES_SHELL_OK = 0, ES_SHELL_QUIT = 1, ES_SHELL_ERROR = -1 };

/* Sets up the shell over an app with Lua (requires edu.repl). Returns 0,
 * or -1 after printing why. */
int es_shell_init(es_shell *sh, es_app *app, int interactive);
void es_shell_free(es_shell *sh);

/* One line of input (without its newline), line number `lineno` of `in`.
 * Returns ES_SHELL_OK, ES_SHELL_QUIT (.quit), or ES_SHELL_ERROR after
 * printing the error. */
int es_shell_line(es_shell *sh, es_input *in, const char *line, int lineno);
/* The end of the input: runs what is pending. */
int es_shell_finish(es_shell *sh, es_input *in);
/* Drops what is pending (Ctrl-C at a continuation prompt). */
void es_shell_discard(es_input *in);
/* Whether a chunk is being continued (the prompt shows >>). */
int es_shell_continues(const es_input *in);

/* Every line of a file or stream, as .read does; ES_SHELL_ERROR stops it. */
int es_shell_read_stream(es_shell *sh, FILE *f, const char *name);

/* The dot-commands' names, for completion: NULL after the last. */
const char *es_shell_dot_name(size_t i);
/* Whether the dot-command takes a file name (.read, .load, .output, .once). */
int es_shell_dot_takes_file(const char *name, size_t len);

/* SIGINT while Lua runs: stops the chunk and the SQL statement running
 * (installed by the REPL). Returns whether something was running. */
int es_shell_interrupt(void);

#endif
