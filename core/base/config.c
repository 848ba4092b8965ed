/* Locations of data tables and Lua scripts: the environment first, then
 * the folders installed with the program, found from its own path. No
 * path of the source tree is compiled in. */
#include "edushell/base/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running program, from the kernel's link to it. */
static int program_dir(char *out, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n <= 0)
        return -1;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

/* share/edushell under `dir/..` or under `dir`, whichever has both
 * folders, as a canonical path (so that messages name
 * PREFIX/share/edushell, not PREFIX/bin/../share/edushell). */
static int find_share(const char *dir, char *out, size_t size)
{
    static const char *const places[] = {"%s/../share/edushell", "%s/share/edushell"};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        char candidate[PATH_MAX + 32], data[PATH_MAX + 64], scripts[PATH_MAX + 64];
        snprintf(candidate, sizeof candidate, places[i], dir);
        snprintf(data, sizeof data, "%s/data", candidate);
        snprintf(scripts, sizeof scripts, "%s/scripts", candidate);
        if (!is_dir(data) || !is_dir(scripts))
            continue;
        char canonical[PATH_MAX];
        const char *found = realpath(candidate, canonical) ? canonical : candidate;
        int n = snprintf(out, size, "%s", found);
        return n < 0 || (size_t)n >= size ? -1 : 0;
    }
    return -1;
}

static int set_dir(char *dst, size_t size, const char *env, const char *share, const char *leaf)
{
    const char *v = getenv(env);
    int n = v && *v ? snprintf(dst, size, "%s", v) : snprintf(dst, size, "%s/%s", share, leaf);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int es_paths_find(es_paths *p, es_err *err)
{
    char dir[PATH_MAX], share[PATH_MAX] = "";
    const char *data_env = getenv("EDUSHELL_DATA"), *scripts_env = getenv("EDUSHELL_SCRIPTS");
    int need_share = !(data_env && *data_env) || !(scripts_env && *scripts_env);
    if (need_share && (program_dir(dir, sizeof dir) != 0 || find_share(dir, share, sizeof share) != 0))
        return es_err_set(err, "cannot find the data tables and Lua library: looked in share/edushell "
                               "beside and under the program's folder (set EDUSHELL_DATA and EDUSHELL_SCRIPTS)");
    if (set_dir(p->data, sizeof p->data, "EDUSHELL_DATA", share, "data") != 0 ||
        set_dir(p->scripts, sizeof p->scripts, "EDUSHELL_SCRIPTS", share, "scripts") != 0)
        return es_err_set(err, "data or script path too long");
    return 0;
}

#ifndef EDUSHELL_MODULE_DIR
#define EDUSHELL_MODULE_DIR "../lib/edushell"
#endif

int es_module_path(const char *file, char *out, size_t size)
{
    char dir[PATH_MAX];
    if (program_dir(dir, sizeof dir) != 0) {
        snprintf(out, size, "%s", file);
        return -1;
    }
    static const char *const places[] = {"%s/%s", "%s/" EDUSHELL_MODULE_DIR "/%s"};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        int n = snprintf(out, size, places[i], dir, file);
        if (n > 0 && (size_t)n < size && access(out, F_OK) == 0)
            return 0;
    }
    return -1; /* out holds the installed place, the last tried */
}
