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

#endif
