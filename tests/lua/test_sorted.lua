-- edu.core.sorted: rows put in order in C must come in the order SQLite's
-- ORDER BY gives them, over values of every type and their edges; and
-- edu.core.sql, which shares its reading of rows, gives each row's values.
local check = require("check")
local core = require("edu.core")

-- A deterministic generator (a linear congruential one), so that a
-- failure can be run again.
local seed = 20261207
local function random(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end

-- Values of every type, with ties across types (2 and 2.0), integers past
-- 2^53 beside the reals nearest them, the extremes of integers, text that
-- is a prefix of other text, multibyte text, empty text and blobs.
local VALUES = {
  "NULL", "0", "1", "-1", "2", "2.0", "2.5", "-2.5", "1e300", "-1e300",
  "9007199254740992", "9007199254740993", "9007199254740992.0", "9223372036854775807",
  "-9223372036854775808", "9223372036854775807.0", "-9223372036854775808.0", "4611686018427387904.5",
  "''", "'a'", "'ab'", "'abc'", "'b'", "'B'", "'广东省'", "'广东'", "'广西壮族自治区'", "'0001.txt'",
  "'0001.txt#2'", "x''", "x'00'", "x'0001'", "x'61'", "x'ff'",
}

-- n rows of four columns of random values and a unique id, as SQL.
local function table_sql(n, values)
  local rows = {}
  for i = 1, n do
    local v = {}
    for c = 1, 4 do v[c] = values[random(#values)] end
    rows[i] = string.format("(%s, %s, %s, %s, %d)", v[1], v[2], v[3], v[4], i)
  end
  return "WITH t(a, b, c, d, id) AS (VALUES " .. table.concat(rows, ", ") .. ") "
end

-- Asserts that core.sorted(order, select) gives the rows, each column,
-- that select with ORDER BY `by` gives.
local function same_order(with, select, order, by, what)
  local want = core.sql(with .. select .. " ORDER BY " .. by)
  local got, columns = core.sorted(order, with .. select)
  check.eq(#got, #want, what .. ": rows")
  for i, w in ipairs(want) do
    for _, c in ipairs(columns) do
      local a, b = got[i][c], w[c]
      if a ~= b or math.type(a) ~= math.type(b) then
        error(string.format("%s: row %d column %s: sorted %s (%s), ORDER BY %s (%s)", what, i, c,
          tostring(a), math.type(a) or type(a), tostring(b), math.type(b) or type(b)))
      end
    end
  end
  return got, columns
end

check.case("every type and edge of values, ascending and descending", function()
  local with = table_sql(600, VALUES)
  same_order(with, "SELECT a, b, c, d, id FROM t", { "a", "id" }, "a, id", "one key")
  same_order(with, "SELECT a, b, c, d, id FROM t", { "a", "b", "c", "d", "id" }, "a, b, c, d, id", "four keys")
  same_order(with, "SELECT a, b, c, d, id FROM t", { "a DESC", "b", "c DESC", "id" }, "a DESC, b, c DESC, id",
    "descending keys")
  same_order(with, "SELECT a, b, c, d, id FROM t", { "b ASC", "id DESC" }, "b, id DESC", "ASC written")
end)

check.case("ties keep the order the statement gave", function()
  -- Three values only: many rows tie on a and b; the statement's order
  -- (by id) decides among them, as the last key would.
  local with = table_sql(400, { "1", "'x'", "NULL" })
  same_order(with, "SELECT a, b, id FROM (SELECT * FROM t ORDER BY id)", { "a", "b" }, "a, b, id", "stable")
end)

check.case("rows that come ordered by the first keys already", function()
  local with = table_sql(500, { "1", "2", "3", "'x'", "NULL", "2.0" })
  -- Ordered by a: each run of one a is sorted on its own by the rest.
  same_order(with, "SELECT a, b, c, id FROM (SELECT * FROM t ORDER BY a)", { "a", "b", "c", "id" },
    "a, b, c, id", "ordered by the first key")
  -- Ordered by a and b, descending a.
  same_order(with, "SELECT a, b, c, id FROM (SELECT * FROM t ORDER BY a DESC, b)", { "a DESC", "b", "c", "id" },
    "a DESC, b, c, id", "ordered by two keys, the first descending")
  -- One value of a for all: the next key decides.
  same_order(with, "SELECT 7 AS a, b, id FROM (SELECT * FROM t ORDER BY b)", { "a", "b", "id" }, "a, b, id",
    "one run")
  -- Entirely in order already.
  same_order(with, "SELECT a, b, id FROM (SELECT * FROM t ORDER BY a, b, id)", { "a", "b", "id" }, "a, b, id",
    "in order")
end)

check.case("keys the rows do not hold (keep), text among them", function()
  local with = table_sql(300, VALUES)
  local got, columns = same_order(with, "SELECT id, a, c, b AS hidden, d AS hidden_too FROM t",
    { "hidden", "hidden_too DESC", "id", keep = 3 }, "b, d DESC, id", "hidden keys")
  check.eq(table.concat(columns, ","), "id,a,c", "the columns kept")
  for _, r in ipairs(got) do
    check.eq(r.hidden, nil, "a hidden key is no field")
    check.eq(r.hidden_too, nil, "nor the other")
  end
  local none = core.sorted({ "id DESC", keep = 0 }, with .. "SELECT id FROM t")
  check.eq(#none, 300, "rows without fields")
  check.eq(next(none[1]), nil, "an empty row")
end)

check.case("no rows, no keys, NULL fields left out", function()
  local rows, columns = core.sorted({ "v" }, "SELECT 1 AS v WHERE 0")
  check.eq(#rows, 0, "no rows")
  check.eq(table.concat(columns, ","), "v", "columns still named")
  rows = core.sorted({}, "SELECT value AS v, NULL AS n FROM json_each('[3,1,2]')")
  check.eq(rows[1].v .. rows[2].v .. rows[3].v, "312", "no keys: the statement's order")
  check.eq(rows[1].n, nil, "NULL is nil")
end)

check.case("parameters bound as core.sql binds them", function()
  local rows = core.sorted({ "v DESC" }, "SELECT value AS v FROM json_each(?1) WHERE value > ?2", "[5,1,4,2]", 1)
  check.eq(#rows, 3, "filtered by ?2")
  check.eq(rows[1].v .. rows[2].v .. rows[3].v, "542", "descending")
end)

check.case("a bad order is a one-line error", function()
  check.fails(function() core.sorted({ "nope" }, "SELECT 1 AS v") end, "sorted: no column 'nope' in the result")
  check.fails(function() core.sorted({ 1 }, "SELECT 1 AS v") end, "sorted: key 1 is not a column name")
  check.fails(function() core.sorted({ "v", keep = 2 }, "SELECT 1 AS v") end, "keep must be a number of columns")
  check.fails(function() core.sorted({ "v" }, "SELECT v FROM nowhere") end, "no such table")
  check.fails(function() core.sorted("v", "SELECT 1 AS v") end, "table expected")
end)

check.case("core.sql: repeated and long text in consecutive rows", function()
  local long = string.rep("很长的文本", 20)
  local rows = core.sql([[SELECT value AS v, ?1 AS long, 'same' AS s FROM json_each('["a","a","b","","",null,"a"]')]],
    long)
  local got = {}
  for i, r in ipairs(rows) do
    got[i] = tostring(r.v)
    check.eq(r.long, long, "long text in row " .. i)
    check.eq(r.s, "same", "constant text in row " .. i)
  end
  check.eq(table.concat(got, ","), "a,a,b,,,nil,a", "values in order, empty text and NULL kept apart")
end)

-- core.firsts(order, select) against a window over the same rows: the
-- last key of the first row of each group, groups in order.
local function same_firsts(with, select, order, partition, by, what)
  local want = core.sql(with .. "SELECT id FROM (SELECT id, " .. partition .. ", row_number() OVER (PARTITION BY "
    .. partition .. " ORDER BY " .. by .. ") AS n FROM (" .. select .. ")) WHERE n = 1 ORDER BY " .. partition)
  local got = core.firsts(order, with .. select)
  check.eq(#got, #want, what .. ": groups")
  for i, w in ipairs(want) do check.eq(got[i], w.id, what .. ": group " .. i) end
end

check.case("core.firsts: the first of each group, as a window picks it", function()
  local with = table_sql(600, { "1", "2", "2.0", "'x'", "'广东省'", "NULL", "x'00'" })
  same_firsts(with, "SELECT a, b, c, id FROM t", { "a", "b", "c", "id", groups = 1 }, "a", "b, c, id", "one group key")
  same_firsts(with, "SELECT a, b, c, id FROM t", { "a", "b", "c DESC", "id DESC", groups = 2 }, "a, b",
    "c DESC, id DESC", "two group keys, descending keys")
  same_firsts(with, "SELECT a, b, id FROM t", { "a", "id", groups = 0 }, "1", "a, id", "no group key: one group")
  check.eq(#core.firsts({ "a", "id", groups = 1 }, "SELECT 1 AS a, 2 AS id WHERE 0"), 0, "no rows, no groups")
  check.fails(function() core.firsts({ "a", "id", groups = 2 }, "SELECT 1 AS a, 2 AS id") end,
    "groups must be a number of keys from 0 to 1")
  check.fails(function() core.firsts({ "a", "id" }, "SELECT 1 AS a, 2 AS id") end, "groups must be")
end)

check.done()
