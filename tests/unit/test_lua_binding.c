/* The Lua binding over a real store: the module edu.core and what it
 * registers (writers only on a writable database), the library built on
 * it, and state setup as one protected call (a broken library script or
 * memory running out is an error returned, never an abort). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edushell/lua/edu.h"

typedef struct fixture {
    char dir[64];
    char db_path[128];
    es_store *store;
    es_pipeline pipeline;
    es_lua_env env;
    lua_State *L;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/edushell-binding-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
    es_err err = {{0}};
    f->store = es_store_open(f->db_path, &err);
    assert_non_null(f->store);
    assert_int_equal(es_pipeline_open(&f->pipeline, EDUSHELL_SOURCE_DATA, &err), 0);
    assert_int_equal(es_store_sync_metrics(f->store, &f->pipeline.file_metrics, &err), 0);
    es_pipeline_use_metrics(&f->pipeline, es_store_metrics(f->store));
    f->env = (es_lua_env){.store = f->store, .pipeline = &f->pipeline, .scripts_dir = EDUSHELL_SOURCE_SCRIPTS};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->L)
        lua_close(f->L);
    es_pipeline_close(&f->pipeline);
    es_store_close(f->store);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static void open_state(fixture *f)
{
    es_err err = {{0}};
    f->L = luaL_newstate();
    assert_non_null(f->L);
    if (es_lua_open_edu(f->L, &f->env, &err) != 0)
        fail_msg("es_lua_open_edu: %s", err.msg);
}

/* Runs `code` (which returns one value) and leaves its result as a
 * string in buf; an error becomes "error: message". */
static const char *eval(lua_State *L, const char *code, char *buf, size_t size)
{
    if (luaL_dostring(L, code) != LUA_OK)
        snprintf(buf, size, "error: %s", lua_tostring(L, -1));
    else
        snprintf(buf, size, "%s", luaL_tolstring(L, -1, NULL));
    lua_settop(L, 0);
    return buf;
}

#define EVAL(code) eval(f->L, (code), buf, sizeof buf)

static void test_core_module_on_a_writable_store(void **state)
{
    fixture *f = *state;
    char buf[512];
    open_state(f);
    assert_string_equal(EVAL("local c = require('edu.core') "
                             "return table.concat({type(c.sql), type(c.load), type(c.define_metric), "
                             "type(c.metric_id), type(c.width), tostring(c.writable)}, ' ')"),
                        "function function function function function true");
    assert_string_equal(EVAL("return require('edu.core').db_path"), f->db_path);
    /* The analysts' table holds no raw functions and no REPL glue. */
    assert_string_equal(EVAL("local bad = {} for k in pairs(edu) do "
                             "if k:match('^_') or k:match('^repl') then bad[#bad + 1] = k end end "
                             "return #bad == 0 and 'clean' or table.concat(bad, ',')"),
                        "clean");
    assert_string_equal(EVAL("return package.loaded.edu == edu"), "true");
}

static void test_load_and_query_through_the_views(void **state)
{
    fixture *f = *state;
    char buf[512];
    open_state(f);
    assert_string_equal(EVAL("local docs, errors = edu.load('" EDUSHELL_SOURCE_DATA "/sample') "
                             "return #docs .. ' ' .. #errors .. ' ' .. docs[1].status"),
                        "5 0 added");
    assert_string_equal(EVAL("return edu.sql('SELECT count(*) AS n FROM documents')[1].n"), "5");
    /* edu.indicators and edu.docs read indicator_rows and document_rows. */
    assert_string_equal(EVAL("return #edu.indicators{region = '无锡市', metric = '普惠性幼儿园覆盖率'} > 0"),
                        "true");
    assert_string_equal(EVAL("local n = 0 for _, d in ipairs(edu.docs()) do n = n + d.indicators end "
                             "return n == edu.sql('SELECT count(*) AS n FROM indicators')[1].n"),
                        "true");
    assert_string_equal(EVAL("return edu.explain(edu.indicators{limit = 1}[1].id).row.path ~= nil"), "true");
    /* Defining a metric relinks stored indicators at once. */
    assert_string_equal(EVAL("edu.metric.define{id = 'x_kg_prov', name = '新增省优质园', aliases = {'省优质园'}, "
                             "unit = '所'} return edu.sql([[SELECT metric FROM indicators "
                             "WHERE metric_id = 'x_kg_prov']])[1].metric"),
                        "新增省优质园");
}

static void test_sql_errors_are_one_line(void **state)
{
    fixture *f = *state;
    char buf[512];
    open_state(f);
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'selec 1'))"),
                        "sql: near \"selec\": syntax error");
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'select 1; select 2'))"),
                        "sql: one statement at a time (extra text: select 2)");
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'select ?1', {}))"),
                        "sql parameter 1: cannot bind a table");
    assert_string_equal(EVAL("return edu.sql('select ?1 + ?2 AS n', 40, 2)[1].n"), "42");
}

static void test_read_only_store_has_no_writers(void **state)
{
    fixture *f = *state;
    char buf[512];
    es_err err = {{0}};
    assert_int_equal(es_store_read_only(f->store, &err), 0);
    open_state(f);
    assert_string_equal(EVAL("local c = require('edu.core') "
                             "return tostring(c.load) .. ' ' .. tostring(c.define_metric) .. ' ' .. tostring(c.writable)"),
                        "nil nil false");
    assert_string_equal(EVAL("return select(2, pcall(edu.load, '/tmp'))"),
                        "edu.load: the database is open read-only");
    assert_string_equal(EVAL("return select(2, pcall(edu.metric.define, {id = 'x'}))"),
                        "edu.metric.define: the database is open read-only");
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'DELETE FROM documents'))"),
                        "sql: not authorized");
    assert_string_equal(EVAL("return #edu.sql('SELECT * FROM metrics') > 0"), "true");
}

static void test_without_pipeline_no_load(void **state)
{
    fixture *f = *state;
    char buf[512];
    f->env.pipeline = NULL;
    open_state(f);
    assert_string_equal(EVAL("local c = require('edu.core') return tostring(c.load) .. ' ' .. type(c.define_metric)"),
                        "nil function");
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* The first use of edu: nil, or the error's message. */
static const char *first_use(lua_State *L)
{
    if (luaL_dostring(L, "return edu.sql") == LUA_OK)
        return NULL;
    return lua_tostring(L, -1);
}

static void test_broken_library_is_an_error(void **state)
{
    fixture *f = *state;
    char scripts[128], path[160];
    snprintf(scripts, sizeof scripts, "%s/scripts", f->dir);
    assert_int_equal(mkdir(scripts, 0755), 0);
    f->env.scripts_dir = scripts;
    es_err err = {{0}};

    lua_State *L = luaL_newstate();
    assert_int_equal(es_lua_open_edu(L, &f->env, &err), -1);
    assert_non_null(strstr(err.msg, "edu.lua cannot be read"));
    lua_close(L);

    /* A broken library is found where edu is first used, every time. */
    snprintf(path, sizeof path, "%s/edu.lua", scripts);
    write_file(path, "local x = 1\nerror('broken library')\n");
    L = luaL_newstate();
    assert_int_equal(es_lua_open_edu(L, &f->env, &err), 0);
    assert_non_null(strstr(first_use(L), "edu.lua:2: broken library"));
    assert_non_null(strstr(first_use(L), "edu.lua:2: broken library"));
    lua_close(L);

    write_file(path, "return 42\n");
    L = luaL_newstate();
    assert_int_equal(es_lua_open_edu(L, &f->env, &err), 0);
    assert_non_null(strstr(first_use(L), "did not fill the edu table"));
    lua_close(L);
}

/* edu is filled on first use, whichever way it is used, and it is the
 * table require("edu") returns. */
static void test_library_filled_on_first_use(void **state)
{
    fixture *f = *state;
    char buf[512];
    open_state(f);
    assert_string_equal(EVAL("return tostring(rawget(edu, 'sql'))"), "nil");
    assert_string_equal(EVAL("return tostring(require('edu') == edu)"), "true");
    assert_string_equal(EVAL("return type(edu.sql)"), "function");
    lua_close(f->L);
    f->L = NULL;
    open_state(f);
    assert_string_equal(EVAL("edu.mine = 1 return type(rawget(edu, 'docs')) .. ' ' .. edu.mine"), "function 1");
    lua_close(f->L);
    f->L = NULL;
    open_state(f);
    assert_string_equal(EVAL("local n = 0 for k in pairs(edu) do n = n + 1 end return tostring(n > 25)"), "true");
}

/* An allocator that refuses once `budget` bytes have been handed out. */
typedef struct budget {
    size_t left;
    int refused;
} budget;

static void *budget_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    budget *b = ud;
    if (nsize == 0) {
        free(ptr);
        return NULL;
    }
    size_t grow = nsize > (ptr ? osize : 0) ? nsize - (ptr ? osize : 0) : 0;
    if (grow > b->left) {
        b->refused = 1;
        return NULL;
    }
    b->left -= grow;
    return realloc(ptr, nsize);
}

static void test_setup_out_of_memory_is_an_error(void **state)
{
    fixture *f = *state;
    /* Budgets that run out at different points of the setup (the standard
     * libraries, the preload) and of the library's filling on first use.
     * Each is reported, as an error of the setup or of the first use. */
    static const size_t budgets[] = {8 * 1024, 16 * 1024, 24 * 1024, 64 * 1024, 160 * 1024, 64 * 1024 * 1024};
    size_t refused = 0;
    for (size_t i = 0; i < sizeof budgets / sizeof budgets[0]; i++) {
        budget b = {budgets[i], 0};
        lua_State *L = lua_newstate(budget_alloc, &b);
        if (!L)
            continue;
        es_err err = {{0}};
        int rc = es_lua_open_edu(L, &f->env, &err);
        const char *use = rc == 0 ? first_use(L) : NULL;
        if (b.refused) {
            assert_non_null(strstr(rc != 0 ? err.msg : use, "memory"));
            refused++;
        } else {
            assert_int_equal(rc, 0);
            assert_null(use);
        }
        lua_close(L);
    }
    /* The budgets do cut the setup short, and enough memory lets it finish. */
    assert_true(refused >= 4);
    assert_true(refused < sizeof budgets / sizeof budgets[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_core_module_on_a_writable_store, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load_and_query_through_the_views, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_errors_are_one_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_store_has_no_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_without_pipeline_no_load, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_library_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_library_filled_on_first_use, setup, teardown),
        cmocka_unit_test_setup_teardown(test_setup_out_of_memory_is_an_error, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
