/* Loading a module of the program: a shared object found by
 * es_module_path, opened once and kept until exit (the libraries behind
 * it keep state of their own for the life of the process: libxml2's
 * parser, glib's type system). */
#include "edushell/base/config.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static const void *module_symbol(const char *file, const char *symbol, es_err *err)
{
    char path[PATH_MAX + 64];
    if (es_module_path(file, path, sizeof path) != 0) {
        es_err_set(err, "%s is missing (reinstall edushell)", path);
        return NULL;
    }
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        es_err_set(err, "cannot load %s", why ? why : path);
        return NULL;
    }
    const void *found = dlsym(handle, symbol);
    if (!found) {
        es_err_set(err, "%s is not this edushell's module (no %s)", path, symbol);
        dlclose(handle);
    }
    return found;
}

/* What every table of functions begins with. Read by copy: the tables are
 * of other types, whose first members these are. */
typedef struct module_head {
    unsigned abi;
    size_t size;
} module_head;

const void *es_module_table(const char *file, const char *symbol, unsigned abi, size_t size, es_err *err)
{
    const void *table = module_symbol(file, symbol, err);
    if (!table)
        return NULL;
    module_head head;
    memcpy(&head, table, sizeof head);
    if (head.abi != abi || head.size != size) {
        es_err_set(err, "%s is of another edushell (table version %u)", file, head.abi);
        return NULL;
    }
    return table;
}
