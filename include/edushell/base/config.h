/* Where the program finds its data tables and Lua library. */
#ifndef EDUSHELL_BASE_CONFIG_H
#define EDUSHELL_BASE_CONFIG_H

#include <limits.h>

#include "edushell/base/common.h"

#define EDUSHELL_VERSION "0.1.0"

typedef struct es_paths {
    char data[PATH_MAX];      /* regions.tsv, metrics.tsv, extract/ */
    char scripts[PATH_MAX];   /* edu.lua, edu/, templates/ */
} es_paths;

/* $EDUSHELL_DATA and $EDUSHELL_SCRIPTS when set; else share/edushell
 * beside the running program's directory (PREFIX/bin/edushell finds
 * PREFIX/share/edushell) or inside it (the build tree). Returns -1 with
 * the places tried when neither holds the folders. */
int es_paths_find(es_paths *p, es_err *err);

/* Where a module of the program (a shared object loaded when first needed)
 * is: beside the running program (the build tree), else in the folder it
 * is installed in, EDUSHELL_MODULE_DIR relative to the program's
 * (PREFIX/bin/edushell finds PREFIX/lib/.../edushell/FILE). Writes the
 * first place that holds `file` to out and returns 0; when none does,
 * writes the installed place (for the message) and returns -1. */
int es_module_path(const char *file, char *out, size_t size);

/* Opens the module `file` (never closed) and returns its table of
 * functions, the object named `symbol`. Every such table begins with
 * `unsigned abi; size_t size;` (the table's version and its sizeof where
 * the module was built); a table of another version or size is refused.
 * NULL with one line naming the file and the reason (missing, not
 * loadable and why, not a module of this program, of another build) in
 * err. */
const void *es_module_table(const char *file, const char *symbol, unsigned abi, size_t size, es_err *err);

#endif
