/* `report TEMPLATE [--region R]... [--year Y] [--format md|html]
 *  [--set KEY=VALUE]... [--wait SECONDS] --out FILE`: the command cron and
 * systemd timers run. One run at a time per database (a lock on its
 * file); each run is recorded in the runs table; the output is written to a
 * temporary file in the same directory and renamed over FILE, so a failed
 * run leaves the previous report in place. */
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "edushell/base/json.h"

#define MAX_VALUES 32

typedef struct report_args {
    const char *template_name, *out, *format, *year;
    const char *regions[MAX_VALUES];
    char *resolved[MAX_VALUES]; /* regions as stored (无锡 → 无锡市), owned */
    int nregions;
    const char *sets[MAX_VALUES]; /* KEY=VALUE */
    int nsets;
    double wait;
} report_args;

static int add_value(const char **list, int *n, const char *value, const char *opt)
{
    if (*n == MAX_VALUES) {
        es_usage_error("report", "at most %d %s options", MAX_VALUES, opt);
        return -1;
    }
    list[(*n)++] = value;
    return 0;
}

static int parse_args(report_args *a, int argc, char **argv)
{
    memset(a, 0, sizeof *a);
    a->format = "md";
    for (int i = 0; i < argc; i++) {
        const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = opt[0] == '-' && opt[1] == '-';
        if (takes_value && !val) {
            es_usage_error("report", "%s needs a value", opt);
            return -1;
        }
        if (strcmp(opt, "--region") == 0) {
            if (add_value(a->regions, &a->nregions, val, opt) != 0)
                return -1;
        } else if (strcmp(opt, "--set") == 0) {
            if (!strchr(val, '=') || val[0] == '=') {
                es_usage_error("report", "--set needs KEY=VALUE, not '%s'", val);
                return -1;
            }
            if (add_value(a->sets, &a->nsets, val, opt) != 0)
                return -1;
        } else if (strcmp(opt, "--year") == 0) {
            a->year = val;
        } else if (strcmp(opt, "--format") == 0) {
            a->format = val;
        } else if (strcmp(opt, "--out") == 0) {
            a->out = val;
        } else if (strcmp(opt, "--wait") == 0) {
            char *end;
            a->wait = strtod(val, &end);
            if (*end || a->wait < 0) {
                es_usage_error("report", "--wait needs a number of seconds, not '%s'", val);
                return -1;
            }
        } else if (takes_value || a->template_name) {
            es_usage_error("report", "unexpected '%s'", opt);
            return -1;
        } else {
            a->template_name = opt;
            continue;
        }
        i++;
    }
    if (!a->template_name || !a->out) {
        es_usage_error("report", "%s", a->template_name ? "--out FILE is required" : "no template given");
        return -1;
    }
    if (strcmp(a->format, "md") != 0 && strcmp(a->format, "html") != 0) {
        es_usage_error("report", "--format must be md or html, not '%s'", a->format);
        return -1;
    }
    return 0;
}

/* --- regions as people write them --------------------------------------- */

/* Replaces each --region by its name as stored (edu.region: 无锡 →
 * 无锡市). An unknown name is a usage error naming the closest one, before
 * any lock, record or file. */
static int resolve_regions(es_app *app, report_args *a)
{
    lua_State *L = app->L;
    for (int i = 0; i < a->nregions; i++) {
        lua_getglobal(L, "edu");
        lua_getfield(L, -1, "region");
        lua_remove(L, -2);
        lua_pushstring(L, a->regions[i]);
        lua_pushinteger(L, 0);
        if (lua_pcall(L, 2, 1, 0) != LUA_OK || !lua_isstring(L, -1)) {
            int rc = es_usage_error("report", "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "not a region");
            lua_pop(L, 1);
            return rc;
        }
        a->resolved[i] = es_xstrdup(lua_tostring(L, -1));
        a->regions[i] = a->resolved[i];
        lua_pop(L, 1);
    }
    return 0;
}

static void free_args(report_args *a)
{
    for (int i = 0; i < a->nregions; i++)
        free(a->resolved[i]);
}

/* --- the lock ---------------------------------------------------------- */

/* Takes an exclusive flock on the database file itself, so that every
 * name for it (a symbolic link, a relative path, a hard link) shares the
 * lock, trying again every 100 ms for up to `wait` seconds. flock and
 * SQLite's POSIX locks do not meet; but closing any descriptor of the file
 * drops the process's POSIX locks, so the descriptor is kept in the app
 * and closed only after the store (es_app_finish). Returns 0, or -1 after
 * printing why. */
static int take_lock(es_app *app, double wait)
{
    const char *db = app->db_path;
    int fd = open(db, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        es_app_error("%s: cannot open the database to lock it: %s", db, strerror(errno));
        return -1;
    }
    long tries = (long)(wait * 10.0);
    for (long t = 0;; t++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            app->lock_fd = fd;
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            es_app_error("%s: cannot lock: %s", db, strerror(errno));
            break;
        }
        if (t >= tries) {
            es_app_error("another report run holds the lock on %s; try again later or pass --wait SECONDS", db);
            break;
        }
        nanosleep(&(struct timespec){0, 100 * 1000 * 1000}, NULL);
    }
    close(fd);
    return -1;
}

/* --- the run record ---------------------------------------------------- */

static void json_str(es_buf *b, const char *s)
{
    es_json_string(b, s, strlen(s));
}

/* The arguments as a JSON object, for the runs table. */
static char *args_json(const report_args *a)
{
    es_buf b = {0};
    es_buf_puts(&b, "{\"format\":");
    json_str(&b, a->format);
    if (a->year) {
        es_buf_puts(&b, ",\"year\":");
        json_str(&b, a->year);
    }
    es_buf_puts(&b, ",\"regions\":[");
    for (int i = 0; i < a->nregions; i++) {
        if (i)
            es_buf_putc(&b, ',');
        json_str(&b, a->regions[i]);
    }
    es_buf_putc(&b, ']');
    for (int i = 0; i < a->nsets; i++) {
        const char *eq = strchr(a->sets[i], '=');
        es_buf_putc(&b, ',');
        es_json_string(&b, a->sets[i], (size_t)(eq - a->sets[i]));
        es_buf_putc(&b, ':');
        json_str(&b, eq + 1);
    }
    es_buf_putc(&b, '}');
    return es_buf_take(&b, NULL);
}

/* Records the run's start; its id, or -1 after saying why not. */
static int64_t record_start(es_app *app, const report_args *a, const char *out_path)
{
    char *args = args_json(a);
    int64_t id = -1;
    es_err err = {{0}};
    if (es_store_run_start(app->store, a->template_name, args, out_path, &id, &err) != 0) {
        es_app_error("%s: %s", app->db_path, err.msg);
        id = -1;
    }
    free(args);
    return id;
}

static void record_end(es_app *app, int64_t id, const char *error)
{
    es_err err = {{0}};
    if (es_store_run_end(app->store, id, error, &err) != 0)
        es_app_error("%s: %s", app->db_path, err.msg);
}

/* --- rendering and writing -------------------------------------------- */

/* Calls edu.report(template, opts); leaves the text (or the error) on the
 * stack and returns the pcall status. */
static int render(lua_State *L, const report_args *a)
{
    lua_getglobal(L, "edu");
    lua_getfield(L, -1, "report");
    lua_remove(L, -2);
    lua_pushstring(L, a->template_name);
    lua_createtable(L, 0, 4 + a->nsets);
    for (int i = 0; i < a->nsets; i++) {
        const char *eq = strchr(a->sets[i], '=');
        lua_pushlstring(L, a->sets[i], (size_t)(eq - a->sets[i]));
        lua_pushstring(L, eq + 1);
        lua_settable(L, -3);
    }
    lua_pushstring(L, a->format);
    lua_setfield(L, -2, "format");
    if (a->year) {
        lua_pushstring(L, a->year);
        lua_setfield(L, -2, "year");
    }
    lua_createtable(L, a->nregions, 0);
    for (int i = 0; i < a->nregions; i++) {
        lua_pushstring(L, a->regions[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "regions");
    int status = lua_pcall(L, 2, 1, 0);
    if (status == LUA_OK && !lua_isstring(L, -1)) {
        lua_pop(L, 1);
        lua_pushliteral(L, "edu.report did not return text");
        status = LUA_ERRRUN;
    }
    return status;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Flushes the directory entry of a rename to disk. */
static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Writes data to a temporary file beside `out`, syncs it and renames it
 * over `out`. Returns 0, or -1 with the reason in err (and no temporary
 * file left). */
static int write_atomically(const char *out, const char *data, size_t len, es_err *err)
{
    const char *slash = strrchr(out, '/');
    char dir[4096], tmp[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - out) + (slash == out) : 1, slash ? out : ".");
    int n = snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, slash ? slash + 1 : out);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return es_err_set(err, "%s: path too long", out);
    int fd = mkstemp(tmp);
    if (fd < 0)
        return es_err_set(err, "%s: cannot create a temporary file in %s: %s", out, dir, strerror(errno));
    int failed = write_all(fd, data, len) != 0 || fchmod(fd, 0644) != 0 || fsync(fd) != 0;
    int saved = errno;
    if (close(fd) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    if (!failed && rename(tmp, out) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        unlink(tmp);
        return es_err_set(err, "%s: %s", out, strerror(saved));
    }
    sync_dir(dir);
    return 0;
}

/* --out - writes the report to standard output. */
static int writes_stdout(const report_args *a)
{
    return strcmp(a->out, "-") == 0;
}

/* Renders and writes; returns NULL on success or the error (owned). */
static char *render_and_write(es_app *app, const report_args *a)
{
    lua_State *L = app->L;
    if (render(L, a) != LUA_OK) {
        char buf[256];
        const char *limit = app->sandbox ? es_sandbox_limit_message(app->sandbox, buf, sizeof buf) : NULL;
        char *msg = es_xstrdup(limit ? limit : lua_tostring(L, -1) ? lua_tostring(L, -1) : "error");
        lua_pop(L, 1);
        return msg;
    }
    size_t len;
    const char *text = lua_tolstring(L, -1, &len);
    es_err err = {{0}};
    int rc;
    if (writes_stdout(a))
        rc = fwrite(text, 1, len, stdout) == len && fflush(stdout) == 0 ? 0
             : es_err_set(&err, "standard output: %s", strerror(errno));
    else
        rc = write_atomically(a->out, text, len, &err);
    lua_pop(L, 1);
    return rc == 0 ? NULL : es_xstrdup(err.msg);
}

/* Regions, the template the sandbox may read, the clock, the lock, the
 * record, the output. */
static int prepare_and_run(es_app *app, report_args *a)
{
    int rc = resolve_regions(app, a);
    if (rc != 0)
        return rc;
    /* A template named by its path may be read in the sandbox: the
     * command line chose it. */
    size_t name_len = strlen(a->template_name);
    int by_path = strchr(a->template_name, '/') ||
                  (name_len >= 4 && strcmp(a->template_name + name_len - 4, ".tpl") == 0);
    if (app->sandbox && app->sandbox->restricted && by_path) {
        es_err err = {{0}};
        if (es_sandbox_allow_read(app->sandbox, a->template_name, &err) != 0) {
            es_app_error("report: %s: %s", a->template_name, err.msg);
            return ES_EXIT_FAILURE;
        }
    }
    if (es_app_start_clock(app) != 0)
        return ES_EXIT_FAILURE;
    if (take_lock(app, a->wait) != 0)
        return ES_EXIT_LOCKED;
    char out_path[8192], cwd[4096];
    if (writes_stdout(a))
        snprintf(out_path, sizeof out_path, "-");
    else if (a->out[0] != '/' && getcwd(cwd, sizeof cwd))
        snprintf(out_path, sizeof out_path, "%s/%s", cwd, a->out);
    else
        snprintf(out_path, sizeof out_path, "%s", a->out);
    int64_t run = record_start(app, a, out_path);
    char *error = run < 0 ? NULL : render_and_write(app, a);
    if (run >= 0) {
        /* The record keeps the message's first line. */
        char *trace = error ? strchr(error, '\n') : NULL;
        if (trace)
            *trace = '\0';
        record_end(app, run, error);
        if (trace)
            *trace = '\n';
    }
    if (error) {
        es_app_error("report %s: %s", a->template_name, error);
        free(error);
    }
    return run < 0 || error ? ES_EXIT_FAILURE : ES_EXIT_OK;
}

int es_cmd_report(es_app *app, int argc, char **argv)
{
    report_args a;
    if (parse_args(&a, argc, argv) != 0)
        return ES_EXIT_USAGE;
    int status = prepare_and_run(app, &a);
    free_args(&a);
    return status;
}
