/* The sandbox for scripts and templates from others (--sandbox): no
 * processes, no C modules, no binary chunks, no file writes except the one
 * output file, a read-only database; and limits on instructions and memory
 * that end the script with a clear error. The limits also work alone
 * (--max-instructions, --max-memory without --sandbox). */
#ifndef EDUSHELL_CLI_SANDBOX_H
#define EDUSHELL_CLI_SANDBOX_H

#include <limits.h>
#include <lua.h>
#include <stddef.h>

#include "edushell/base/common.h"

#define ES_SANDBOX_DEFAULT_INSTRUCTIONS 200000000ULL
#define ES_SANDBOX_DEFAULT_MEMORY_MB 512ULL

/* What the command line asked for. Zero limits take the defaults when
 * sandboxed and mean "unlimited" otherwise. */
typedef struct es_sandbox_options {
    int enabled;
    unsigned long long max_instructions;
    unsigned long long max_memory_mb;
} es_sandbox_options;

enum es_sandbox_limit { ES_LIMIT_NONE, ES_LIMIT_INSTRUCTIONS, ES_LIMIT_MEMORY };

typedef struct es_sandbox {
    int restricted;                    /* --sandbox: library restrictions */
    unsigned long long max_instructions; /* 0: no limit */
    size_t max_memory;                 /* bytes; 0: no limit */
    size_t used;                       /* bytes the Lua state holds now */
    unsigned long long executed;       /* instructions counted so far */
    enum es_sandbox_limit hit;         /* the limit that stopped the script */
    char write_path[PATH_MAX];         /* the one file Lua may write; "" none */
} es_sandbox;

/* Whether the options ask for a sandbox or a limit at all. */
int es_sandbox_wanted(const es_sandbox_options *opts);

/* Fills sb from the options (defaults applied). */
void es_sandbox_init(es_sandbox *sb, const es_sandbox_options *opts);

/* A Lua state whose allocations are counted against sb's memory limit;
 * sb must outlive it. NULL if it cannot be created. */
lua_State *es_sandbox_newstate(es_sandbox *sb);

/* Applies the restrictions (when restricted) and the instruction limit to
 * a state made by es_sandbox_newstate, after es_lua_open_edu. */
int es_sandbox_apply(es_sandbox *sb, lua_State *L, es_err *err);

/* Installs the instruction-count hook again, for callers that clear hooks
 * (the REPL does after each chunk). */
void es_sandbox_arm(es_sandbox *sb, lua_State *L);

/* Lets Lua write this one file (io.open for writing, io.output). */
int es_sandbox_allow_write(es_sandbox *sb, const char *path, es_err *err);

/* A one-line explanation when a limit ended the script, else NULL. */
const char *es_sandbox_limit_message(const es_sandbox *sb, char *buf, size_t size);

#endif
