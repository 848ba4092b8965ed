/* Walking the paths of a load. */
#include "walk.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edushell/base/common.h"

static void walk_list_add(walk_list *l, const char *p)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = es_xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = es_xstrdup(p);
}

void walk_list_free(walk_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(const char *dir, walk_list *files, walk_list *unreadable)
{
    DIR *d = opendir(dir);
    if (!d) {
        walk_list_add(unreadable, dir);
        return;
    }
    walk_list names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            walk_list_add(&names, e->d_name);
    closedir(d);
    qsort(names.items, names.n, sizeof *names.items, compare_names);
    for (size_t i = 0; i < names.n; i++) {
        es_buf p = {0};
        es_buf_printf(&p, "%s/%s", dir, names.items[i]);
        struct stat st;
        if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode))
            walk_dir(p.data, files, unreadable);
        else
            walk_list_add(files, p.data);
        es_buf_free(&p);
    }
    walk_list_free(&names);
}

void walk_paths(const char *const *paths, size_t npaths, walk_list *files, walk_list *unreadable)
{
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode))
            walk_dir(paths[i], files, unreadable);
        else
            walk_list_add(files, paths[i]);
    }
}
