/* Walking the paths of a load.
 *
 * Directories and files are known by (device, inode), not by name: a
 * symbolic link back up the tree, or two links to one folder, would make
 * a walk by names endless or load the same files twice. Only regular files
 * are handed on; a FIFO would block the reader for ever, and sockets and
 * devices are no documents. */
#include "walk.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "edushell/base/common.h"
#include "edushell/source/source.h"

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

/* --- what has been seen: a set of (device, inode), open addressing ----- */

typedef struct file_id {
    dev_t dev;
    ino_t ino;
    int used;
} file_id;

typedef struct seen_set {
    file_id *slots;
    size_t n, cap; /* cap a power of two, kept at most half full */
} seen_set;

static size_t slot_of(const seen_set *s, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)ino * 0xC2B2AE3D27D4EB4Fu);
    size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
    while (s->slots[i].used && (s->slots[i].dev != dev || s->slots[i].ino != ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

/* Adds the file's identity; 0 when it was there already. */
static int seen_add(seen_set *s, const struct stat *st)
{
    if (2 * (s->n + 1) > s->cap) {
        seen_set bigger = {es_xcalloc(s->cap ? 2 * s->cap : 64, sizeof *s->slots), 0,
                           s->cap ? 2 * s->cap : 64};
        for (size_t i = 0; i < s->cap; i++)
            if (s->slots[i].used)
                bigger.slots[slot_of(&bigger, s->slots[i].dev, s->slots[i].ino)] = s->slots[i];
        bigger.n = s->n;
        free(s->slots);
        *s = bigger;
    }
    size_t i = slot_of(s, st->st_dev, st->st_ino);
    if (s->slots[i].used)
        return 0;
    s->slots[i] = (file_id){st->st_dev, st->st_ino, 1};
    s->n++;
    return 1;
}

/* --- the walk ------------------------------------------------------------ */

typedef struct walk {
    walk_list *files, *unreadable, *special, *skipped;
    seen_set seen;
} walk;

static void walk_dir(walk *w, const char *dir);

/* Whether a file found in a directory is a document, from its name and
 * first bytes; one that cannot be opened is tried, so its error is told. */
static int is_document(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 1;
    char head[ES_SNIFF_HEAD];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return es_source_is_document(path, head, n);
}

/* One path, whatever it is: `st` is what stat (following links) says.
 * A file found in a directory must be a document; one named is tried. */
static void visit(walk *w, const char *path, const struct stat *st, int named)
{
    if (!seen_add(&w->seen, st))
        return; /* reached before, by this name or another */
    if (S_ISDIR(st->st_mode))
        walk_dir(w, path);
    else if (S_ISREG(st->st_mode) && (named || is_document(path)))
        walk_list_add(w->files, path);
    else if (S_ISREG(st->st_mode))
        walk_list_add(w->skipped, path);
    else
        walk_list_add(w->special, path);
}

static void walk_dir(walk *w, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        walk_list_add(w->unreadable, dir);
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
        if (stat(p.data, &st) == 0)
            visit(w, p.data, &st, 0);
        else
            walk_list_add(w->files, p.data); /* a dangling link: its reader says so */
        es_buf_free(&p);
    }
    walk_list_free(&names);
}

void walk_paths(const char *const *paths, size_t npaths, walk_list *files, walk_list *unreadable,
                walk_list *special, walk_list *skipped)
{
    walk w = {.files = files, .unreadable = unreadable, .special = special, .skipped = skipped};
    for (size_t i = 0; i < npaths; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0)
            visit(&w, paths[i], &st, 1);
        else
            walk_list_add(files, paths[i]);
    }
    free(w.seen.slots);
}

const char *walk_kind(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return "gone";
    return S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket"
         : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" : "not a regular file";
}

/* ".jsonl" of "notes/a.JSONL", lower-cased; "" when the name has none. */
static void extension_of(const char *path, char *ext, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    ext[0] = '\0';
    if (!dot || dot == name || strlen(dot) >= size)
        return;
    size_t k = 0;
    for (; dot[k]; k++)
        ext[k] = dot[k] >= 'A' && dot[k] <= 'Z' ? (char)(dot[k] - 'A' + 'a') : dot[k];
    ext[k] = '\0';
}

typedef struct ext_count {
    char ext[16];
    size_t n;
} ext_count;

static int by_count(const void *a, const void *b)
{
    const ext_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->ext, y->ext);
}

char *walk_skipped_summary(const walk_list *skipped)
{
    ext_count *counts = es_xcalloc(skipped->n + 1, sizeof *counts);
    size_t ncounts = 0;
    for (size_t i = 0; i < skipped->n; i++) {
        char ext[16];
        extension_of(skipped->items[i], ext, sizeof ext);
        size_t k = 0;
        while (k < ncounts && strcmp(counts[k].ext, ext) != 0)
            k++;
        if (k == ncounts)
            strcpy(counts[ncounts++].ext, ext);
        counts[k].n++;
    }
    qsort(counts, ncounts, sizeof *counts, by_count);
    es_buf b = {0};
    es_buf_printf(&b, "%zu file%s:", skipped->n, skipped->n == 1 ? "" : "s");
    for (size_t k = 0; k < ncounts; k++)
        es_buf_printf(&b, "%s %zu %s", k ? "," : "", counts[k].n,
                      counts[k].ext[0] ? counts[k].ext : "without extension");
    free(counts);
    return es_buf_take(&b, NULL);
}
