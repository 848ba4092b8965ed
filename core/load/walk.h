/* The files a load reads: the paths named, with directories walked. */
#ifndef EDUSHELL_LOAD_WALK_H
#define EDUSHELL_LOAD_WALK_H

#include <stddef.h>

typedef struct walk_list {
    char **items;
    size_t n, cap;
} walk_list;

/* Appends to `files` every path named that is not a directory (a missing
 * file too: its reader reports it) and the regular files under each
 * directory, recursively, skipping hidden entries, in name order so a load
 * is repeatable. Directories that cannot be read go to `unreadable`. */
void walk_paths(const char *const *paths, size_t npaths, walk_list *files, walk_list *unreadable);

void walk_list_free(walk_list *l);

#endif
