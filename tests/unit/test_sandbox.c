/* The sandbox on a Lua state with the real library and store: the
 * allow-list it leaves, the files it lets a script read, the SQL it lets
 * a script run, and its limits (instructions, memory, time), each
 * reported as the limit that was hit, in Lua and in SQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <lua.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edushell/lua/edu.h"
#include "edushell/lua/sandbox.h"

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
    f->env = (es_lua_env){.store = f->store, .scripts_dir = EDUSHELL_SOURCE_SCRIPTS};
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    if (f->L)
        lua_close(f->L);
    es_sandbox_free(&f->sb);
    es_store_close(f->store);
    /* SQLite's heap bound is the process's: the next test starts without. */
    sqlite3_hard_heap_limit64(0);
    sqlite3_soft_heap_limit64(0);
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
    assert_int_equal(es_sandbox_init(&f->sb, &opts, &err), 0);
    f->L = es_sandbox_newstate(&f->sb);
    assert_non_null(f->L);
    if (f->sb.restricted)
        assert_int_equal(es_store_read_only(f->store, &err), 0);
    if (es_lua_open_edu(f->L, &f->env, &err) != 0)
        fail_msg("es_lua_open_edu: %s", err.msg);
    if (es_sandbox_apply(&f->sb, f->L, &f->env, &err) != 0)
        fail_msg("es_sandbox_apply: %s", err.msg);
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
#define EVALF(...) (snprintf(code, sizeof code, __VA_ARGS__), eval(f->L, code, buf, sizeof buf))

static void write_file(const char *path, const char *text)
{
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
}

static void test_defaults(void **state)
{
    (void)state;
    es_sandbox sb;
    es_err err = {{0}};
    assert_int_equal(es_sandbox_init(&sb, &(es_sandbox_options){.enabled = 1}, &err), 0);
    assert_int_equal(sb.restricted, 1);
    assert_true(sb.max_instructions == ES_SANDBOX_DEFAULT_INSTRUCTIONS);
    assert_true(sb.max_memory == ES_SANDBOX_DEFAULT_MEMORY_MB * 1024 * 1024);
    assert_true(sb.timeout == ES_SANDBOX_DEFAULT_TIMEOUT);
    es_sandbox_free(&sb);
    assert_int_equal(es_sandbox_init(&sb, &(es_sandbox_options){.max_memory_mb = 3}, &err), 0);
    assert_int_equal(sb.restricted, 0);
    assert_true(sb.max_instructions == 0);
    assert_true(sb.timeout == 0);
    assert_true(sb.max_memory == 3 * 1024 * 1024);
    es_sandbox_free(&sb);
    assert_false(es_sandbox_wanted(&(es_sandbox_options){0}));
    assert_false(es_sandbox_wanted(NULL));
    assert_true(es_sandbox_wanted(&(es_sandbox_options){.max_instructions = 5}));
    assert_true(es_sandbox_wanted(&(es_sandbox_options){.timeout = 1.5}));
    const char *missing[] = {"/no/such/dir"};
    assert_int_equal(es_sandbox_init(&sb, &(es_sandbox_options){.enabled = 1, .allow_read = missing, .nallow_read = 1},
                                     &err), -1);
    assert_non_null(strstr(err.msg, "--allow-read /no/such/dir: No such file or directory"));
    es_sandbox_free(&sb);
}

/* Exactly the allowed globals, and io with exactly its three functions. */
static void test_allow_list(void **state)
{
    fixture *f = *state;
    char buf[1024];
    open_sandboxed(f, (es_sandbox_options){.enabled = 1});
    assert_string_equal(EVAL("local k = {} for n in pairs(_G) do k[#k + 1] = n end "
                             "table.sort(k) return table.concat(k, ' ')"),
                        "_G _VERSION assert collectgarbage coroutine dofile edu error getmetatable io ipairs "
                        "load loadfile math next pairs pcall print rawequal rawget rawlen rawset require "
                        "select setmetatable string table tonumber tostring type utf8 warn xpcall");
    assert_string_equal(EVAL("local k = {} for n in pairs(io) do k[#k + 1] = n end "
                             "table.sort(k) return table.concat(k, ' ')"),
                        "lines open write");
    assert_string_equal(EVAL("return tostring(os) .. tostring(debug) .. tostring(package)"), "nilnilnil");
    assert_string_equal(EVAL("return select(2, pcall(require, 'os'))"),
                        "module 'os' not found (the sandbox looks in the scripts folder and directories "
                        "given with --allow-read)");
    assert_string_equal(EVAL("return select(2, pcall(require, 'debug'))"),
                        "module 'debug' not found (the sandbox looks in the scripts folder and directories "
                        "given with --allow-read)");
    assert_string_equal(EVAL("return require('string') == string and require('edu') == edu "
                             "and require('io') == io"), "true");
    assert_string_equal(EVAL("return select(2, load(string.dump(function() end)))"),
                        "attempt to load a binary chunk (mode is 't')");
    assert_string_equal(EVAL("return select(2, load(string.dump(function() end), 'x', 'b'))"),
                        "attempt to load a binary chunk (mode is 't')");
    assert_string_equal(EVAL("return load('return 6 * 7')()"), "42");
    /* The library still works on the read-only store, without writers. */
    assert_string_equal(EVAL("return #edu.metric.list() == 0 and 'empty' or 'rows'"), "empty");
    assert_string_equal(EVAL("return tostring(require('edu.core').load)"), "nil");
    assert_string_equal(EVAL("return tostring(require('edu.core').define_metric)"), "nil");
    /* Library modules come from the library; templates render. */
    assert_string_equal(EVAL("return require('edu.rows') ~= nil"), "true");
    assert_string_equal(EVAL("return edu.render('{{ 6 * 7 }}', {}, 'md')"), "42");
}

static void test_reading(void **state)
{
    fixture *f = *state;
    char buf[1024], code[1024], path[256], outside[256];
    snprintf(path, sizeof path, "%s/in", f->dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/in/data.txt", f->dir);
    write_file(path, "first\nsecond\n");
    snprintf(path, sizeof path, "%s/in/mod.lua", f->dir);
    write_file(path, "return {answer = 42, io = io.open ~= nil}\n");
    snprintf(outside, sizeof outside, "%s/secret.txt", f->dir);
    write_file(outside, "secret\n");
    snprintf(path, sizeof path, "%s/in/link.txt", f->dir);
    assert_int_equal(symlink(outside, path), 0);
    snprintf(path, sizeof path, "%s/in/fifo", f->dir);
    assert_int_equal(mkfifo(path, 0644), 0);
    char allowed[128];
    snprintf(allowed, sizeof allowed, "%s/in", f->dir);
    const char *dirs[] = {allowed};
    open_sandboxed(f, (es_sandbox_options){.enabled = 1, .allow_read = dirs, .nallow_read = 1});

    assert_string_equal(EVALF("return io.open('%s/in/data.txt'):read('l')", f->dir), "first");
    assert_string_equal(EVALF("return io.open('%s/in/./data.txt', 'rb'):read('a')", f->dir), "first\nsecond\n");
    assert_string_equal(EVALF("local n = 0 for l in io.lines('%s/in/data.txt') do n = n + 1 end return n", f->dir),
                        "2");
    assert_string_equal(EVALF("return require('mod').answer"), "42");
    assert_string_equal(EVALF("return loadfile('%s/in/mod.lua')().answer", f->dir), "42");
    assert_string_equal(EVALF("return dofile('%s/in/mod.lua').answer", f->dir), "42");
    /* The library reads its own folder (templates). */
    assert_string_equal(EVALF("return io.open('%s/templates/_head.html.tpl') ~= nil", EDUSHELL_SOURCE_SCRIPTS),
                        "true");
    /* A missing file where reading is allowed: nil and a message, as outside. */
    char expected[256];
    snprintf(expected, sizeof expected, "%s/in/none.txt: No such file or directory", f->dir);
    assert_string_equal(EVALF("return (select(2, io.open('%s/in/none.txt')))", f->dir), expected);

    /* Everything else is refused, by any name. */
    const char *denied[] = {"/etc/passwd", "%s/secret.txt", "%s/in/../secret.txt", "%s/in/link.txt",
                            "%s/nothere.txt", "/proc/self/environ"};
    for (size_t i = 0; i < sizeof denied / sizeof denied[0]; i++) {
        char p[256];
        snprintf(p, sizeof p, denied[i], f->dir);
        assert_non_null(strstr(EVALF("return io.open('%s')", p), "reading '"));
        assert_non_null(strstr(buf, "' is not allowed (only the scripts folder and directories given with --allow-read)"));
        assert_non_null(strstr(EVALF("return io.lines('%s')", p), "is not allowed"));
        assert_non_null(strstr(EVALF("return loadfile('%s')", p), "is not allowed"));
        assert_non_null(strstr(EVALF("return dofile('%s')", p), "is not allowed"));
    }
    assert_non_null(strstr(EVALF("return io.open('%s/in/fifo')", f->dir), "is not a regular file"));
    assert_non_null(strstr(EVALF("return io.open('%s/in/data.txt', 'w')", f->dir), "files open for reading only"));
    assert_non_null(strstr(EVALF("return io.open('%s/in/data.txt', 'r+')", f->dir), "files open for reading only"));
    assert_non_null(strstr(EVAL("return edu.report('/etc/passwd', {})"), "reading '/etc/passwd' is not allowed"));
    assert_non_null(strstr(EVAL("return require('nosuchmodule')"), "module 'nosuchmodule' not found"));
}

static void test_sql_reads_only(void **state)
{
    fixture *f = *state;
    char buf[1024], code[1024];
    open_sandboxed(f, (es_sandbox_options){.enabled = 1});
    const char *refused[] = {
        "CREATE TABLE x(a)", "CREATE TEMP TABLE x(a)", "DELETE FROM documents",
        "INSERT INTO runs(template) VALUES ('x')", "UPDATE documents SET name = 'x'", "DROP VIEW indicator_rows",
        "BEGIN IMMEDIATE", "BEGIN", "SAVEPOINT s", "ATTACH '/tmp/x.db' AS x", "DETACH main",
        "VACUUM", "VACUUM INTO '/tmp/edushell-vacuum.db'", "ANALYZE", "REINDEX",
        "PRAGMA query_only = 0", "PRAGMA user_version = 7", "PRAGMA journal_mode = DELETE",
        "PRAGMA writable_schema = 1", "PRAGMA optimize", "PRAGMA wal_checkpoint",
        "PRAGMA incremental_vacuum", "SELECT load_extension('/lib/x.so')", "SELECT fts3_tokenizer('simple')",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        EVALF("return select(2, pcall(edu.sql, \"%s\"))", refused[i]);
        if (!strstr(buf, "not authorized"))
            fail_msg("%s: %s", refused[i], buf);
    }
    assert_int_equal(access("/tmp/edushell-vacuum.db", F_OK), -1);
    const char *allowed[] = {
        "SELECT count(*) FROM documents", "PRAGMA table_info(documents)", "PRAGMA user_version",
        "PRAGMA quick_check", "SELECT * FROM edu_sentence_search('abc')",
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10) SELECT sum(x) FROM c",
    };
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++) {
        EVALF("return select('#', edu.sql(\"%s\"))", allowed[i]);
        if (strstr(buf, "error"))
            fail_msg("%s: %s", allowed[i], buf);
    }
    /* Statements too large for the sandbox's bounds. */
    assert_non_null(strstr(EVAL("return edu.sql('SELECT ' .. ('1,'):rep(600) .. '1')"), "too many columns"));
    assert_non_null(strstr(EVAL("return edu.sql('SELECT 1 -- ' .. ('x'):rep(2000000))"), "too big"));
}

static void test_instruction_limit(void **state)
{
    fixture *f = *state;
    char buf[512], msg[256];
    open_sandboxed(f, (es_sandbox_options){.max_instructions = 100000});
    assert_string_equal(EVAL("local s = 0 for i = 1, 1000 do s = s + i end return s"), "500500");
    assert_non_null(strstr(EVAL("while true do end"), "the script exceeded the instruction limit of 100000"));
    assert_int_equal(f->sb.hit, ES_LIMIT_INSTRUCTIONS);
    assert_non_null(es_sandbox_limit_message(&f->sb, msg, sizeof msg));
    assert_non_null(strstr(msg, "--max-instructions"));
    /* Limits alone do not restrict the library. */
    assert_string_equal(EVAL("return type(os.execute)"), "function");
}

/* SQL's steps count with the script's instructions. */
static void test_sql_counts(void **state)
{
    fixture *f = *state;
    char buf[512];
    open_sandboxed(f, (es_sandbox_options){.max_instructions = 2000000});
    assert_string_equal(EVAL("return edu.sql('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                             "WHERE x < 1000) SELECT count(*) AS n FROM c')[1].n"), "1000");
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                             "SELECT x + 1 FROM c) SELECT count(*) FROM c'))"),
                        "sql: the script exceeded the instruction limit of 2000000 (raise it with "
                        "--max-instructions N)");
    assert_int_equal(f->sb.hit, ES_LIMIT_INSTRUCTIONS);
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
    /* SQLite's memory is bounded too: a blob longer than a quarter of the
     * limit, or a sort that outgrows it. */
    assert_string_equal(EVAL("return edu.sql('SELECT length(randomblob(1000000)) AS n')[1].n"), "1000000");
    assert_non_null(strstr(EVAL("return edu.sql('SELECT length(randomblob(900000000))')"),
                           "sql: string or blob too big"));
    assert_non_null(strstr(EVAL("return edu.sql('SELECT group_concat(randomblob(1000000)) FROM "
                                "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                "WHERE x < 40) SELECT x FROM c)')"),
                           "sql: "));
    assert_true(sqlite3_memory_used() <= 16 * 1024 * 1024);
}

/* The clock: a script past its time stops at its next instruction, and a
 * statement past it is interrupted, each with the limit named. */
static void test_time_limit(void **state)
{
    fixture *f = *state;
    char buf[512];
    es_err err = {{0}};
    open_sandboxed(f, (es_sandbox_options){.timeout = 0.3});
    assert_int_equal(es_sandbox_start_clock(&f->sb, f->store, &err), 0);
    assert_non_null(strstr(EVAL("while true do end"), "the script exceeded the time limit of 0.3 s"));
    assert_int_equal(f->sb.hit, ES_LIMIT_TIME);
    es_sandbox_stop_clock(&f->sb);
    atomic_store(&f->sb.expired, 0);
    f->sb.hit = ES_LIMIT_NONE;
    assert_int_equal(es_sandbox_start_clock(&f->sb, f->store, &err), 0);
    assert_string_equal(EVAL("return select(2, pcall(edu.sql, 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                             "SELECT x + 1 FROM c) SELECT count(*) FROM c'))"),
                        "sql: the script exceeded the time limit of 0.3 s (raise it with --timeout SECONDS)");
    es_sandbox_stop_clock(&f->sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test_setup_teardown(test_allow_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_reads_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_instruction_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sql_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_time_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
