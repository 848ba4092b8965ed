/* The sandbox on a Lua state with the real library and store: what it
 * takes away, the one file it lets a report write, and its two limits,
 * each reported as the limit that was hit. */
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
#include <unistd.h>

#include "edushell/lua/edu.h"
#include "sandbox.h"

typedef struct fixture {
    char dir[64];
    char db_path[128];
    es_store *store;
    es_lua_env env;
    es_sandbox sb;
    lua_State *L;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/edushell-sandbox-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->db_path, sizeof f->db_path, "%s/t.db", f->dir);
    es_err err = {{0}};
    f->store = es_store_open(f->db_path, &err);
    assert_non_null(f->store);
    f->env = (es_lua_env){f->store, NULL, EDUSHELL_SOURCE_SCRIPTS};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->L)
        lua_close(f->L);
    es_store_close(f->store);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

/* The state as the program makes it: options, a read-only store when
 * restricted, the library, then the restrictions and limits. */
static void open_sandboxed(fixture *f, es_sandbox_options opts)
{
    es_err err = {{0}};
    es_sandbox_init(&f->sb, &opts);
    f->L = es_sandbox_newstate(&f->sb);
    assert_non_null(f->L);
    if (f->sb.restricted)
        assert_int_equal(es_store_read_only(f->store, &err), 0);
    if (es_lua_open_edu(f->L, &f->env, &err) != 0)
        fail_msg("es_lua_open_edu: %s", err.msg);
    assert_int_equal(es_sandbox_apply(&f->sb, f->L, &err), 0);
}

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

static void test_defaults(void **state)
{
    (void)state;
    es_sandbox sb;
    es_sandbox_init(&sb, &(es_sandbox_options){.enabled = 1});
    assert_int_equal(sb.restricted, 1);
    assert_true(sb.max_instructions == ES_SANDBOX_DEFAULT_INSTRUCTIONS);
    assert_true(sb.max_memory == ES_SANDBOX_DEFAULT_MEMORY_MB * 1024 * 1024);
    es_sandbox_init(&sb, &(es_sandbox_options){.max_memory_mb = 3});
    assert_int_equal(sb.restricted, 0);
    assert_true(sb.max_instructions == 0);
    assert_true(sb.max_memory == 3 * 1024 * 1024);
    assert_false(es_sandbox_wanted(&(es_sandbox_options){0}));
    assert_false(es_sandbox_wanted(NULL));
    assert_true(es_sandbox_wanted(&(es_sandbox_options){.max_instructions = 5}));
}

static void test_restricted_library(void **state)
{
    fixture *f = *state;
    char buf[512];
    open_sandboxed(f, (es_sandbox_options){.enabled = 1});
    assert_string_equal(EVAL("return tostring(os.execute) .. tostring(io.popen) .. tostring(os.remove) "
                             ".. tostring(package.loadlib) .. tostring(io.tmpfile)"),
                        "nilnilnilnilnil");
    assert_string_equal(EVAL("local n = 0 for k in pairs(debug) do n = n + 1 end return n .. type(debug.traceback)"),
                        "1function");
    assert_string_equal(EVAL("return #package.searchers"), "2");
    assert_string_equal(EVAL("return select(2, load(string.dump(function() end)))"),
                        "attempt to load a binary chunk (mode is 't')");
    /* The library still works on the read-only store, without writers. */
    assert_string_equal(EVAL("return #edu.metric.list() == 0 and 'empty' or 'rows'"), "empty");
    assert_string_equal(EVAL("return tostring(require('edu.core').load)"), "nil");
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'CREATE TABLE x(a)'))"), "sql: not authorized");
}

static void test_one_writable_file(void **state)
{
    fixture *f = *state;
    char buf[512], code[512], out[160];
    open_sandboxed(f, (es_sandbox_options){.enabled = 1});
    snprintf(out, sizeof out, "%s/out.md", f->dir);
    snprintf(code, sizeof code, "return select(2, io.open('%s', 'w'))", out);
    assert_non_null(strstr(EVAL(code), "is not allowed (only the --out file)"));
    es_err err = {{0}};
    assert_int_equal(es_sandbox_allow_write(&f->sb, out, &err), 0);
    /* The same file by another spelling of its path. */
    snprintf(code, sizeof code, "local f = assert(io.open('%s/./out.md', 'w')) f:write('x') f:close() return 'ok'",
             f->dir);
    assert_string_equal(EVAL(code), "ok");
    assert_int_equal(access(out, F_OK), 0);
    snprintf(code, sizeof code, "return select(2, pcall(io.open, '%s/other.md', 'a'))", f->dir);
    assert_non_null(strstr(EVAL(code), "is not allowed"));
    assert_int_equal(es_sandbox_allow_write(&f->sb, "/no/such/dir/x.md", &err), -1);
    assert_non_null(strstr(err.msg, "its directory does not exist"));
}

static void test_instruction_limit(void **state)
{
    fixture *f = *state;
    char buf[512], msg[256];
    open_sandboxed(f, (es_sandbox_options){.max_instructions = 100000});
    assert_string_equal(EVAL("local s = 0 for i = 1, 1000 do s = s + i end return s"), "500500");
    assert_non_null(strstr(EVAL("while true do end"), "instruction limit of 100000 exceeded"));
    assert_int_equal(f->sb.hit, ES_LIMIT_INSTRUCTIONS);
    assert_non_null(es_sandbox_limit_message(&f->sb, msg, sizeof msg));
    assert_non_null(strstr(msg, "--max-instructions"));
    /* Limits alone do not restrict the library. */
    assert_string_equal(EVAL("return type(os.execute)"), "function");
}

static void test_memory_limit(void **state)
{
    fixture *f = *state;
    char buf[512], msg[256];
    open_sandboxed(f, (es_sandbox_options){.max_memory_mb = 16});
    assert_string_equal(EVAL("return #('x'):rep(1024 * 1024)"), "1048576");
    assert_non_null(strstr(EVAL("return #('x'):rep(64 * 1024 * 1024)"), "not enough memory"));
    assert_int_equal(f->sb.hit, ES_LIMIT_MEMORY);
    assert_non_null(es_sandbox_limit_message(&f->sb, msg, sizeof msg));
    assert_non_null(strstr(msg, "memory limit of 16 MB"));
    assert_true(f->sb.used <= f->sb.max_memory);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test_setup_teardown(test_restricted_library, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_writable_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instruction_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
