/* The SQL functions of edu.core: one statement over the store, its rows
 * read into Lua as row tables (sql), as one list per column (columns), as
 * row tables put in order here rather than by SQLite (sorted), or as the
 * first row of each group in an order (firsts). */
#include <lauxlib.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "edu_core.h"
#include "edushell/lua/sandbox.h"
#include "row_order.h"

/* Raises an error without a position: the Lua library adds the caller's
 * (edu.sql is called from analysts' code; the REPL's .sql has none). */
static int sql_error(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return lua_error(L);
}

/* A statement's failure; when a limit of the sandbox stopped it, the
 * limit's name rather than SQLite's "interrupted" or "out of memory". */
static int statement_error(lua_State *L, sqlite3 *db)
{
    es_sandbox *sb = es_sandbox_of(L);
    int code = sqlite3_errcode(db);
    char buf[256];
    const char *limit = sb && es_sandbox_stopped(sb) ? es_sandbox_limit_message(sb, buf, sizeof buf) : NULL;
    if (limit && code == SQLITE_INTERRUPT)
        return sql_error(L, "sql: %s", limit);
    if (sb && sb->max_memory && code == SQLITE_NOMEM)
        return sql_error(L, "sql: the query exceeded the memory limit of %d MB (raise it with --max-memory MB)",
                         (int)(sb->max_memory / (1024 * 1024)));
    return sql_error(L, "sql: %s", sqlite3_errmsg(db));
}

static void bind_params(lua_State *L, sqlite3_stmt *stmt, int first_arg, int last_arg)
{
    for (int i = first_arg; i <= last_arg; i++) {
        int p = i - first_arg + 1;
        switch (lua_type(L, i)) {
        case LUA_TNIL: sqlite3_bind_null(stmt, p); break;
        case LUA_TBOOLEAN: sqlite3_bind_int(stmt, p, lua_toboolean(L, i)); break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, i))
                sqlite3_bind_int64(stmt, p, lua_tointeger(L, i));
            else
                sqlite3_bind_double(stmt, p, lua_tonumber(L, i));
            break;
        case LUA_TSTRING: {
            size_t len;
            const char *s = lua_tolstring(L, i, &len);
            sqlite3_bind_text64(stmt, p, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        default:
            sql_error(L, "sql parameter %d: cannot bind a %s", p, luaL_typename(L, i));
        }
    }
}

/* Pushes column c of the current row; NULL pushes nothing and returns 0
 * (a row table leaves NULL columns out, as nil). The column is read as
 * one value, not by a call per property: each call on the statement takes
 * the connection's lock, each on the value none. That is safe because
 * the value is read at once, by the thread stepping the statement, while
 * nothing else uses the connection (a Lua state runs one call at a time). */
static int push_column(lua_State *L, sqlite3_stmt *stmt, int c)
{
    sqlite3_value *v = sqlite3_column_value(stmt, c);
    switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: lua_pushinteger(L, sqlite3_value_int64(v)); return 1;
    case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_value_double(v)); return 1;
    case SQLITE_NULL: return 0;
    default: {
        const char *text = (const char *)sqlite3_value_text(v);
        lua_pushlstring(L, text, (size_t)sqlite3_value_bytes(v));
        return 1;
    }
    }
}

/* A prepared statement owned by a userdata, so a Lua error anywhere while
 * it is in use (a parameter that cannot be bound, memory, Ctrl-C) still
 * finalizes it when the userdata is collected. */
static const char STMT_GUARD[] = "edushell.stmt";

static int stmt_guard_gc(lua_State *L)
{
    sqlite3_stmt **slot = luaL_checkudata(L, 1, STMT_GUARD);
    sqlite3_finalize(*slot);
    *slot = NULL;
    return 0;
}

static sqlite3_stmt **push_stmt_guard(lua_State *L)
{
    sqlite3_stmt **slot = lua_newuserdatauv(L, sizeof *slot, 0);
    *slot = NULL;
    if (luaL_newmetatable(L, STMT_GUARD)) {
        lua_pushcfunction(L, stmt_guard_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    return slot;
}

/* The first `max` bytes of s, cut at a character boundary, with "…"
 * when cut; the string stays on the stack. */
static const char *clip(lua_State *L, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return lua_pushstring(L, s);
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return lua_pushfstring(L, "%s…", lua_pushlstring(L, s, max));
}

/* The list of the names of the first ncol columns. */
static void push_column_names(lua_State *L, sqlite3_stmt *stmt, int ncol)
{
    lua_createtable(L, ncol, 0);
    for (int c = 0; c < ncol; c++) {
        lua_pushstring(L, sqlite3_column_name(stmt, c));
        lua_rawseti(L, -2, c + 1);
    }
}

/* Prepares the one statement of argument `arg` and binds the arguments
 * after it; the statement is owned by a guard pushed on the stack. */
static sqlite3_stmt *prepare_call(lua_State *L, int arg)
{
    const char *query = luaL_checkstring(L, arg);
    int nargs = lua_gettop(L);
    es_store *store = es_lua_core_env(L)->store;
    sqlite3 *db = es_store_db(store);
    sqlite3_stmt **slot = push_stmt_guard(L);
    const char *tail = NULL;
    if (sqlite3_prepare_v2(db, query, -1, slot, &tail) != SQLITE_OK)
        statement_error(L, db);
    if (!*slot)
        sql_error(L, "sql: empty statement");
    tail += strspn(tail, " \t\r\n;");
    if (*tail)
        sql_error(L, "sql: one statement at a time (extra text: %s)", clip(L, tail, 40));
    /* What the authorizer cannot see (VACUUM rewrites the file without
     * asking it) is caught here: a read-only store runs readers only. */
    if (es_store_is_read_only(store) && !sqlite3_stmt_readonly(*slot))
        sql_error(L, "sql: not authorized: the database is open read-only");
    bind_params(L, *slot, arg + 1, nargs);
    return *slot;
}

/* Finalizes the statement of the guard at `guard` (the guard would at
 * collection; a finished call does not wait for it). */
static void finish_call(lua_State *L, int guard)
{
    sqlite3_stmt **slot = lua_touserdata(L, guard);
    sqlite3_finalize(*slot);
    *slot = NULL;
}

/* --- rows as tables -------------------------------------------------- */

/* How a statement's rows become row tables: the first `nfields` columns
 * are the fields, named by Lua strings made once (stack slots from
 * `names`); each column keeps the last text it read (slots from `texts`,
 * bytes in `last`), so a text repeated from the row before (a region, a
 * document's name, a unit) is the same Lua string again, not hashed, and
 * a long one not copied, anew. `cells` (or NULL) receives each column of
 * the current row as a key to order by; `wanted` (or NULL: all) says
 * which columns past the fields are read for that. */
typedef struct last_text {
    const char *s;
    size_t len;
} last_text;

typedef struct row_reader {
    sqlite3_stmt *stmt;
    int ncol, nfields;
    int names, texts;
    last_text *last;
    es_sort_key *cells;
    const unsigned char *wanted;
    int keys_only;        /* no row tables: the keys alone are read */
    int anchors;          /* a table holding the texts read only as keys */
    lua_Integer nanchors;
} row_reader;

/* Pushes the names of the fields and one empty slot per column for its
 * last text; the reader's stack slots are fixed from here on. */
static void row_reader_init(lua_State *L, row_reader *r, sqlite3_stmt *stmt, int nfields)
{
    r->stmt = stmt;
    r->ncol = sqlite3_column_count(stmt);
    r->nfields = nfields;
    r->cells = NULL;
    r->wanted = NULL;
    r->keys_only = 0;
    r->anchors = 0;
    r->nanchors = 0;
    luaL_checkstack(L, nfields + r->ncol + 8, "too many columns");
    r->last = lua_newuserdatauv(L, (size_t)(r->ncol ? r->ncol : 1) * sizeof *r->last, 0);
    memset(r->last, 0, (size_t)(r->ncol ? r->ncol : 1) * sizeof *r->last);
    r->names = lua_gettop(L) + 1;
    for (int c = 0; c < nfields; c++)
        lua_pushstring(L, sqlite3_column_name(stmt, c));
    r->texts = lua_gettop(L) + 1;
    for (int c = 0; c < r->ncol; c++)
        lua_pushnil(L);
}

/* Pushes the text of column c: the column's last string when the bytes
 * are the same; *made says whether a new string was made. */
static const char *push_text(lua_State *L, row_reader *r, int c, const char *text, size_t len, int *made)
{
    last_text *t = &r->last[c];
    if (t->s && t->len == len && memcmp(t->s, text, len) == 0) {
        lua_pushvalue(L, r->texts + c);
        *made = 0;
        return t->s;
    }
    t->s = lua_pushlstring(L, text, len);
    t->len = len;
    lua_copy(L, -1, r->texts + c);
    *made = 1;
    return t->s;
}

/* Pushes the current row as a table of its fields (a NULL column leaves
 * its field out, as nil) and, with cells, sets each wanted column's key.
 * A text read only as a key is made a Lua string too, kept in the table
 * at `anchors` while its key points into it. Each value is read at once,
 * as push_column reads it. */
static void push_row(lua_State *L, row_reader *r)
{
    if (!r->keys_only)
        lua_createtable(L, 0, r->nfields);
    int row = lua_gettop(L);
    es_sort_key unused;
    for (int c = 0; c < r->ncol; c++) {
        int field = c < r->nfields;
        if (!field && (!r->wanted || !r->wanted[c]))
            continue;
        es_sort_key *key = r->cells ? &r->cells[c] : &unused;
        sqlite3_value *v = sqlite3_column_value(r->stmt, c);
        int type = sqlite3_value_type(v);
        if (type == SQLITE_NULL) {
            key->type = ES_KEY_NULL;
            continue;
        }
        if (field)
            lua_pushvalue(L, r->names + c);
        int made = 0;
        switch (type) {
        case SQLITE_INTEGER:
            key->type = ES_KEY_INTEGER;
            lua_pushinteger(L, key->v.i = sqlite3_value_int64(v));
            break;
        case SQLITE_FLOAT:
            key->type = ES_KEY_REAL;
            lua_pushnumber(L, key->v.r = sqlite3_value_double(v));
            break;
        default: {
            /* The text first, then its length (SQLite's order for them). */
            const char *text = (const char *)sqlite3_value_text(v);
            key->type = type == SQLITE_BLOB ? ES_KEY_BLOB : ES_KEY_TEXT;
            key->len = (uint32_t)sqlite3_value_bytes(v);
            key->v.s = push_text(L, r, c, text ? text : "", key->len, &made);
            break;
        }
        }
        if (field)
            lua_rawset(L, row);
        else if (made)
            lua_rawseti(L, r->anchors, ++r->nanchors);
        else
            lua_pop(L, 1);
    }
}

/* Reads all rows of a prepared statement into the table at the top, as
 * tables of every column. */
static int collect_rows(lua_State *L, sqlite3_stmt *stmt)
{
    int result = lua_gettop(L);
    row_reader r;
    row_reader_init(L, &r, stmt, sqlite3_column_count(stmt));
    lua_Integer n = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        push_row(L, &r);
        lua_rawseti(L, result, ++n);
    }
    lua_settop(L, result);
    return rc;
}

/* core.sql(query, ...) -> rows, columns. One statement; values bound as
 * parameters ?1, ?2 ... in order. Errors are one line, as sqlite3 prints
 * them, raised at the caller's level. */
static int l_sql(lua_State *L)
{
    sqlite3_stmt *stmt = prepare_call(L, 1);
    int guard = lua_gettop(L);
    lua_newtable(L);
    if (collect_rows(L, stmt) != SQLITE_DONE)
        return statement_error(L, sqlite3_db_handle(stmt)); /* the guard finalizes */
    push_column_names(L, stmt, sqlite3_column_count(stmt));
    finish_call(L, guard);
    return 2;
}

/* core.columns(query, ...) -> a table of one list per column (by name),
 * and the number of rows; a NULL leaves its place in the list empty. For
 * the library's own queries over thousands of rows, which it reads column
 * by column: one table per column rather than one per row. */
static int l_columns(lua_State *L)
{
    sqlite3_stmt *stmt = prepare_call(L, 1);
    int guard = lua_gettop(L);
    int ncol = sqlite3_column_count(stmt);
    luaL_checkstack(L, ncol + 3, "too many columns");
    lua_createtable(L, 0, ncol);
    int lists = lua_gettop(L) + 1;
    for (int c = 0; c < ncol; c++) {
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, lists - 1, sqlite3_column_name(stmt, c));
    }
    lua_Integer n = 0;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        n++;
        for (int c = 0; c < ncol; c++)
            if (push_column(L, stmt, c))
                lua_rawseti(L, lists + c, n);
    }
    if (rc != SQLITE_DONE)
        return statement_error(L, sqlite3_db_handle(stmt));
    lua_settop(L, lists - 1);
    finish_call(L, guard);
    lua_pushinteger(L, n);
    return 2;
}

/* --- rows in order --------------------------------------------------- */

/* As many as an ORDER BY may have (SQLite's limit on columns). */
enum { MAX_KEYS = 2000 };

/* What core.sorted orders by: for each key its column and direction, and
 * for each column whether a key reads it. */
typedef struct sort_spec {
    int nkeys;
    int *column;
    unsigned char *desc;
    unsigned char *wanted;
} sort_spec;

static int column_named(sqlite3_stmt *stmt, const char *name, size_t len)
{
    for (int c = 0; c < sqlite3_column_count(stmt); c++) {
        const char *n = sqlite3_column_name(stmt, c);
        if (n && strlen(n) == len && memcmp(n, name, len) == 0)
            return c;
    }
    return -1;
}

static int ends_with(const char *s, size_t len, const char *tail)
{
    size_t n = strlen(tail);
    return len > n && memcmp(s + len - n, tail, n) == 0;
}

/* Reads the list at `arg` ("name" or "name DESC" for each key) into a
 * spec whose arrays a userdata pushed on the stack holds. */
static sort_spec read_sort_spec(lua_State *L, int arg, sqlite3_stmt *stmt)
{
    int ncol = sqlite3_column_count(stmt);
    lua_Unsigned n = lua_rawlen(L, arg);
    if (n > MAX_KEYS)
        sql_error(L, "sorted: more than %d keys", MAX_KEYS);
    sort_spec spec = {.nkeys = (int)n};
    size_t size = (size_t)spec.nkeys * (sizeof *spec.column + 1) + (size_t)ncol + 1;
    spec.column = lua_newuserdatauv(L, size, 0);
    spec.desc = (unsigned char *)(spec.column + spec.nkeys);
    spec.wanted = spec.desc + spec.nkeys;
    memset(spec.wanted, 0, (size_t)ncol + 1);
    for (int k = 0; k < spec.nkeys; k++) {
        if (lua_rawgeti(L, arg, k + 1) != LUA_TSTRING)
            sql_error(L, "sorted: key %d is not a column name", k + 1);
        size_t len;
        const char *name = lua_tolstring(L, -1, &len);
        spec.desc[k] = (unsigned char)ends_with(name, len, " DESC");
        if (spec.desc[k])
            len -= strlen(" DESC");
        else if (ends_with(name, len, " ASC"))
            len -= strlen(" ASC");
        if ((spec.column[k] = column_named(stmt, name, len)) < 0)
            sql_error(L, "sorted: no column '%s' in the result", name);
        spec.wanted[spec.column[k]] = 1;
        lua_pop(L, 1);
    }
    return spec;
}

/* The number of leading columns the rows hold: order.keep, else all. */
static int kept_columns(lua_State *L, int arg, int ncol)
{
    lua_getfield(L, arg, "keep");
    int isnum;
    lua_Integer keep = lua_tointegerx(L, -1, &isnum);
    if (lua_isnil(L, -1))
        keep = ncol;
    else if (!isnum || keep < 0 || keep > ncol)
        sql_error(L, "sorted: keep must be a number of columns from 0 to %d", ncol);
    lua_pop(L, 1);
    return (int)keep;
}

/* The keys of every row, row after row, in a userdata at stack slot
 * `slot`, made twice as large (a new one in the slot) when full. */
typedef struct key_store {
    int slot;
    size_t per_row, rows, capacity;
    es_sort_key *keys;
} key_store;

static es_sort_key *next_keys(lua_State *L, key_store *ks)
{
    if (ks->rows == ks->capacity) {
        size_t capacity = ks->capacity ? ks->capacity * 2 : 256;
        size_t row_size = (ks->per_row ? ks->per_row : 1) * sizeof *ks->keys;
        if (capacity > UINT32_MAX || capacity > SIZE_MAX / row_size)
            sql_error(L, "sorted: too many rows");
        es_sort_key *keys = lua_newuserdatauv(L, capacity * row_size, 0);
        if (ks->rows)
            memcpy(keys, ks->keys, ks->rows * ks->per_row * sizeof *keys);
        lua_replace(L, ks->slot);
        ks->keys = keys;
        ks->capacity = capacity;
    }
    return ks->keys + ks->rows++ * ks->per_row;
}

/* Reads every row of stmt: its keys by spec into *ks and, when `rows` is
 * a stack slot (not 0), its table of the first `keep` columns into the
 * list there. Returns the rows' numbers (from 0) in the order of their
 * keys. What it pushes stays on the stack until the call ends: the keys'
 * texts are Lua strings held there. */
static uint32_t *read_in_order(lua_State *L, sqlite3_stmt *stmt, const sort_spec *spec, int keep, int rows,
                               key_store *ks)
{
    int ncol = sqlite3_column_count(stmt);
    row_reader r;
    row_reader_init(L, &r, stmt, keep);
    r.keys_only = rows == 0;
    r.wanted = spec->wanted;
    r.cells = lua_newuserdatauv(L, (size_t)(ncol ? ncol : 1) * sizeof *r.cells, 0);
    lua_newtable(L);
    r.anchors = lua_gettop(L);
    lua_pushnil(L);
    *ks = (key_store){.slot = lua_gettop(L), .per_row = (size_t)spec->nkeys};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        es_sort_key *keys = next_keys(L, ks);
        push_row(L, &r);
        for (int k = 0; k < spec->nkeys; k++)
            keys[k] = r.cells[spec->column[k]];
        if (rows)
            lua_rawseti(L, rows, (lua_Integer)ks->rows);
    }
    if (rc != SQLITE_DONE)
        statement_error(L, sqlite3_db_handle(stmt));
    size_t n = ks->rows;
    uint32_t *order = lua_newuserdatauv(L, (n ? n : 1) * 2 * sizeof *order, 0);
    for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
    es_sort_rows(order, order + n, n, ks->keys, ks->per_row, spec->desc);
    return order;
}

/* core.sorted(order, query, ...) -> rows, columns: as core.sql, with the
 * rows in the order of `order`, a list of column names of the result,
 * each ascending or, written "name DESC", descending, as ORDER BY puts
 * them (BINARY collation); rows whose keys all tie keep the order the
 * statement gave them. order.keep: the rows hold the first `keep`
 * columns only, the later ones are keys alone. For the library's results
 * of thousands of rows: SQLite's sorter writes every column of every row
 * into a record and compares records field by field, where here each row
 * becomes its table once and the keys are compared as values. */
static int l_sorted(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    sqlite3_stmt *stmt = prepare_call(L, 2);
    int guard = lua_gettop(L);
    int ncol = sqlite3_column_count(stmt);
    int keep = kept_columns(L, 1, ncol);
    sort_spec spec = read_sort_spec(L, 1, stmt);
    lua_newtable(L);
    int rows = lua_gettop(L);
    key_store ks;
    uint32_t *order = read_in_order(L, stmt, &spec, keep, rows, &ks);
    size_t n = ks.rows;
    lua_createtable(L, n < INT32_MAX ? (int)n : 0, 0);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, rows, (lua_Integer)order[i] + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    push_column_names(L, stmt, keep);
    finish_call(L, guard);
    return 2;
}

/* The number of leading keys that make a group: order.groups. */
static int group_keys(lua_State *L, int arg, int nkeys)
{
    lua_getfield(L, arg, "groups");
    int isnum;
    lua_Integer groups = lua_tointegerx(L, -1, &isnum);
    if (!isnum || groups < 0 || groups >= nkeys)
        sql_error(L, "firsts: groups must be a number of keys from 0 to %d", nkeys - 1);
    lua_pop(L, 1);
    return (int)groups;
}

/* Pushes a key as the Lua value it was read from. */
static void push_key(lua_State *L, const es_sort_key *k)
{
    switch (k->type) {
    case ES_KEY_NULL: lua_pushnil(L); break;
    case ES_KEY_INTEGER: lua_pushinteger(L, k->v.i); break;
    case ES_KEY_REAL: lua_pushnumber(L, k->v.r); break;
    default: lua_pushlstring(L, k->v.s, k->len); break;
    }
}

/* core.firsts(order, query, ...) -> list: the rows of query grouped by
 * the first order.groups keys of `order` (as core.sorted's), the first
 * row of each group in the order of the keys after them, and of that row
 * the last key's value (a row id, say), group after group in order. Rows
 * whose keys all tie: the first the statement gave. For the library's
 * picks of one figure per region or cell among thousands of candidates:
 * their keys are read and compared here, no table made per candidate. */
static int l_firsts(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    sqlite3_stmt *stmt = prepare_call(L, 2);
    int guard = lua_gettop(L);
    sort_spec spec = read_sort_spec(L, 1, stmt);
    int groups = group_keys(L, 1, spec.nkeys);
    key_store ks;
    uint32_t *order = read_in_order(L, stmt, &spec, 0, 0, &ks);
    size_t n = ks.rows;
    lua_newtable(L);
    lua_Integer picked = 0;
    const es_sort_key *group = NULL;
    for (size_t i = 0; i < n; i++) {
        const es_sort_key *keys = ks.keys + (size_t)order[i] * ks.per_row;
        int same = group != NULL;
        for (int k = 0; same && k < groups; k++)
            same = es_sort_key_compare(&keys[k], &group[k]) == 0;
        if (same)
            continue;
        group = keys;
        push_key(L, &keys[spec.nkeys - 1]);
        lua_rawseti(L, -2, ++picked);
    }
    finish_call(L, guard);
    return 1;
}

const luaL_Reg es_lua_sql_functions[] = {
    {"sql", l_sql},
    {"columns", l_columns},
    {"sorted", l_sorted},
    {"firsts", l_firsts},
    {NULL, NULL},
};
