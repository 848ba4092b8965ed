/* The functions of edu.core that present figures and write spreadsheets:
 * the one figure formatter (core/present) for the REPL, reports and
 * charts, text cut to a display width, CSV cells and XLSX bytes. */
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "edu_core.h"
#include "edushell/base/uchar.h"
#include "edushell/present/figure.h"
#include "edushell/present/sheet.h"
#include "edushell/text/normalize.h"

/* An es_buf freed when collected, so a Lua error while it is filled
 * leaks nothing. */
static const char BUF_GUARD[] = "edushell.buf";

static int buf_guard_gc(lua_State *L)
{
    es_buf_free(luaL_checkudata(L, 1, BUF_GUARD));
    return 0;
}

static es_buf *push_buf(lua_State *L)
{
    es_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
    memset(b, 0, sizeof *b);
    if (luaL_newmetatable(L, BUF_GUARD)) {
        lua_pushcfunction(L, buf_guard_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return b;
}

static void push_buf_text(lua_State *L, const es_buf *b)
{
    lua_pushlstring(L, b->data ? b->data : "", b->len);
}

/* core.figure(value [, unit, hi, cmp, kind, bare]) -> 3723.35亿元 */
static int l_figure(lua_State *L)
{
    es_figure f = {
        .value = luaL_checknumber(L, 1),
        .unit = luaL_optstring(L, 2, NULL),
        .has_hi = !lua_isnoneornil(L, 3),
        .hi = luaL_optnumber(L, 3, 0),
        .cmp = luaL_optstring(L, 4, NULL),
        .kind = luaL_optstring(L, 5, NULL),
        .bare = lua_toboolean(L, 6),
    };
    es_buf b = {0};
    es_figure_put(&b, &f); /* nothing above raises while b is held */
    push_buf_text(L, &b);
    es_buf_free(&b);
    return 1;
}

/* core.number(v) -> 1,234.5 */
static int l_number(lua_State *L)
{
    es_buf b = {0};
    es_number_put(&b, luaL_checknumber(L, 1));
    push_buf_text(L, &b);
    es_buf_free(&b);
    return 1;
}

/* core.scale(max_abs, unit) -> divisor, magnitude ("亿", "万", "") */
static int l_scale(lua_State *L)
{
    double divisor;
    const char *name = es_figure_scale(luaL_checknumber(L, 1), luaL_optstring(L, 2, NULL), &divisor);
    lua_pushnumber(L, divisor);
    lua_pushstring(L, name);
    return 2;
}

/* core.clip(s, width) -> s cut to at most `width` terminal columns, its
 * end replaced by "…" when cut; and whether it was cut. */
static int l_clip(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer width = luaL_checkinteger(L, 2);
    if (width < 1)
        width = 1;
    if (es_display_width(s, len) <= (size_t)width) {
        lua_settop(L, 1);
        lua_pushboolean(L, 0);
        return 2;
    }
    size_t used = 0, at = 0;
    while (at < len) {
        size_t n = es_u8_len(s + at);
        if (n > len - at)
            n = len - at;
        size_t w = es_display_width(s + at, n);
        if (used + w > (size_t)width - 1)
            break;
        used += w;
        at += n;
    }
    lua_pushlstring(L, s, at);
    lua_pushliteral(L, "…");
    lua_concat(L, 2);
    lua_pushboolean(L, 1);
    return 2;
}

/* core.csv_text(s) -> s as a CSV cell (quoted, formulas neutralised) */
static int l_csv_text(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    es_buf *b = push_buf(L);
    es_csv_put_text(b, s, len);
    push_buf_text(L, b);
    return 1;
}

/* --- XLSX ------------------------------------------------------------ */

/* The workbook being written and its temporary file, owned by a userdata
 * so a Lua error while rows are written closes and removes both. */
typedef struct xlsx_job {
    es_xlsx *x;
    char *data; /* the file read back */
    char path[4096];
} xlsx_job;

static const char XLSX_GUARD[] = "edushell.xlsx";

static void finish_job(xlsx_job *job)
{
    if (job->x)
        es_xlsx_close(job->x, NULL);
    job->x = NULL;
    free(job->data);
    job->data = NULL;
    if (job->path[0])
        unlink(job->path);
    job->path[0] = '\0';
}

static int xlsx_guard_gc(lua_State *L)
{
    finish_job(luaL_checkudata(L, 1, XLSX_GUARD));
    return 0;
}

static xlsx_job *push_job(lua_State *L)
{
    xlsx_job *job = lua_newuserdatauv(L, sizeof *job, 0);
    memset(job, 0, sizeof *job);
    if (luaL_newmetatable(L, XLSX_GUARD)) {
        lua_pushcfunction(L, xlsx_guard_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return job;
}

/* A fresh temporary file for the workbook. */
static int make_temp(xlsx_job *job)
{
    const char *dir = getenv("TMPDIR");
    snprintf(job->path, sizeof job->path, "%s/edushell-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
    int fd = mkstemps(job->path, 5);
    if (fd < 0) {
        job->path[0] = '\0';
        return -1;
    }
    close(fd);
    return 0;
}

/* Writes row tables' fields named by the column list: numbers as numbers,
 * other values as text, nil as an empty cell. The column names stay
 * referenced by the column table at index `columns`. */
static int write_rows(lua_State *L, es_xlsx *x, int columns, int rows, es_err *err)
{
    int ncol = (int)lua_rawlen(L, columns);
    const char **names = lua_newuserdatauv(L, (size_t)(ncol ? ncol : 1) * sizeof *names, 0);
    for (int c = 0; c < ncol; c++) {
        if (lua_rawgeti(L, columns, c + 1) != LUA_TSTRING)
            return luaL_error(L, "xlsx: column %d is not a name", c + 1);
        names[c] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    es_xlsx_header(x, ncol, names);
    lua_Integer n = (lua_Integer)lua_rawlen(L, rows);
    for (lua_Integer r = 1; r <= n; r++) {
        if (lua_rawgeti(L, rows, r) != LUA_TTABLE)
            return luaL_error(L, "xlsx: row %d is not a table", (int)r);
        for (int c = 0; c < ncol; c++) {
            int type = lua_getfield(L, -1, names[c]);
            if (type == LUA_TNUMBER) {
                es_xlsx_number(x, c, lua_tonumber(L, -1));
            } else if (type != LUA_TNIL) {
                es_xlsx_text(x, c, luaL_tolstring(L, -1, NULL));
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        if (es_xlsx_next_row(x, err) != 0)
            return -1;
    }
    return 0;
}

/* core.xlsx(columns, rows [, sheet]) -> the bytes of an XLSX workbook:
 * a bold header row kept in view, then one row per row table. The caller
 * writes them (through io.open, so a sandbox's rule on files holds). */
static int l_xlsx(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    const char *sheet = luaL_optstring(L, 3, "Sheet1");
    lua_settop(L, 3);
    xlsx_job *job = push_job(L);
    if (make_temp(job) != 0)
        return luaL_error(L, "xlsx: cannot create a temporary file");
    es_err err = {{0}};
    if (!(job->x = es_xlsx_open(job->path, sheet, &err)))
        return luaL_error(L, "xlsx: %s", err.msg);
    if (write_rows(L, job->x, 1, 2, &err) != 0)
        return luaL_error(L, "xlsx: %s", err.msg);
    es_xlsx *x = job->x;
    job->x = NULL;
    if (es_xlsx_close(x, &err) != 0)
        return luaL_error(L, "xlsx: %s", err.msg);
    size_t len;
    if (es_read_file(job->path, &job->data, &len, &err) != 0)
        return luaL_error(L, "xlsx: %s", err.msg);
    lua_pushlstring(L, job->data, len);
    finish_job(job);
    return 1;
}

const luaL_Reg es_lua_present_functions[] = {
    {"figure", l_figure},
    {"number", l_number},
    {"scale", l_scale},
    {"clip", l_clip},
    {"csv_text", l_csv_text},
    {"xlsx", l_xlsx},
    {NULL, NULL},
};
