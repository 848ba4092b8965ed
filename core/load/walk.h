/* The files a load reads: the paths named, with directories walked. */
#ifndef EDUSHELL_LOAD_WALK_H
#define EDUSHELL_LOAD_WALK_H

#include <stddef.h>

typedef struct walk_list {
    char **items;
    size_t n, cap;
} walk_list;

/* Appends to `files` every regular file named (and every path that does
 * not exist: its reader reports it; a file named is always tried) and the
 * documents under each directory, recursively, skipping hidden entries, in
 * name order so a load is repeatable. Each file and directory is visited
 * once, whatever names lead to it, so symbolic links that make cycles end.
 * Files under a directory that are not documents by their name and content
 * (es_source_is_document: notes, data, images beside the documents) go to
 * `skipped`; directories that cannot be read to `unreadable`; FIFOs,
 * sockets and devices to `special`. */
void walk_paths(const char *const *paths, size_t npaths, walk_list *files, walk_list *unreadable,
                walk_list *special, walk_list *skipped);

/* "6 files: 5 .jsonl, 1 .md": how many were skipped, by extension, the
 * most first. Returns a new string. */
char *walk_skipped_summary(const walk_list *skipped);

/* "a FIFO", "a socket", "a device": what a path of `special` is. */
const char *walk_kind(const char *path);

void walk_list_free(walk_list *l);

#endif
