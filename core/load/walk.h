/* The files a load reads: the paths named, with directories walked. */
#ifndef EDUSHELL_LOAD_WALK_H
#define EDUSHELL_LOAD_WALK_H

#include <stddef.h>

typedef struct walk_list {
    char **items;
    size_t n, cap;
} walk_list;

/* Appends to `files` every regular file named (and every path that does
 * not exist: its reader reports it) and the regular files under each
 * directory, recursively, skipping hidden entries, in name order so a load
 * is repeatable. Each file and directory is visited once, whatever names
 * lead to it, so symbolic links that make cycles end. Directories that
 * cannot be read go to `unreadable`; FIFOs, sockets and devices to
 * `special`. */
void walk_paths(const char *const *paths, size_t npaths, walk_list *files, walk_list *unreadable,
                walk_list *special);

/* "a FIFO", "a socket", "a device": what a path of `special` is. */
const char *walk_kind(const char *path);

void walk_list_free(walk_list *l);

#endif
