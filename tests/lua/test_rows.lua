-- scripts/edu/rows.lua: the result type of every query, its text table and
-- its conversions, over real query results and hand-made rows.
local check = require("check")
local Rows = edu.Rows

check.case("query results are rows with ordered columns", function()
  local r = edu.sql("SELECT 1 AS b, 'x' AS a, NULL AS c")
  check.eq(getmetatable(r), Rows, "metatable")
  check.eq(table.concat(r.columns, ","), "b,a,c", "columns in select order")
  check.eq(r[1].b, 1, "integer")
  check.eq(r[1].c, nil, "NULL")
  check.eq(#edu.sql("SELECT 1 WHERE 0"), 0, "no rows")
end)

check.case("cells: nil empty, integral floats bare, others to 6 digits", function()
  check.eq(Rows.cell(nil), "", "nil")
  check.eq(Rows.cell(2.0), "2", "2.0")
  check.eq(Rows.cell(92.81), "92.81", "92.81")
  check.eq(Rows.cell(1 / 3), "0.333333", "1/3")
  check.eq(Rows.cell(1 / 3, 3), "0.333", "three digits")
  check.eq(Rows.cell(-7), "-7", "integer")
  check.eq(Rows.cell("文本"), "文本", "text")
end)

check.case("text table: aligned by display width, numbers right", function()
  local r = Rows.new({ { name = "无锡市", n = 5 }, { name = "ab", n = 123 } }, { "name", "n" })
  local lines = {}
  for l in tostring(r):gmatch("[^\n]+") do lines[#lines + 1] = l end
  check.eq(lines[1], "name      n", "header")
  check.eq(lines[2], "------  ---", "rule: 无锡市 is six columns wide")
  check.eq(lines[3], "无锡市    5", "CJK row, number right-aligned")
  check.eq(lines[4], "ab      123", "ASCII row")
  check.eq(lines[5], "(2 rows)", "count")
  check.eq(tostring(Rows.new({}, { "a" })):match("%(0 rows%)"), "(0 rows)", "empty")
  check.eq(tostring(Rows.new({ { a = 1 } }, { "a" })):match("%(1 row%)"), "(1 row)", "one row")
  check.eq(tostring(Rows.new({}, {})), "(no columns)", "no columns")
end)

check.case("width is the C display width (CJK double)", function()
  check.eq(Rows.width("无锡市"), 6, "three CJK")
  check.eq(Rows.width("ab"), 2, "ASCII")
  check.eq(Rows.width("９２％"), 6, "full-width forms")
end)

check.case("to_csv: header, CRLF, RFC 4180 quoting", function()
  local r = Rows.new({ { a = 'say "hi"', b = "x,y" }, { a = "line\nbreak", b = 1.5 } }, { "a", "b" })
  check.eq(r:to_csv(), 'a,b\r\n"say ""hi""","x,y"\r\n"line\nbreak",1.5\r\n', "csv")
end)

check.case("to_json: objects in column order, escapes, NaN as null", function()
  local r = Rows.new({ { k = "a\"b\\c\n\1", v = 0 / 0, w = true } }, { "v", "k", "w" })
  check.eq(r:to_json(), '[{"v":null,"k":"a\\"b\\\\c\\n\\u0001","w":true}]', "json")
  check.eq(Rows.new({}, { "a" }):to_json(), "[]", "empty")
end)

check.case("to_markdown: pipes escaped, newlines flattened", function()
  local r = Rows.new({ { a = "x|y", b = "1\n2" } }, { "a", "b" })
  check.eq(r:to_markdown(), "| a | b |\n| --- | --- |\n| x\\|y | 1 2 |\n", "markdown")
end)

check.case("format: rows as tables, other tables one level deep", function()
  check.eq(Rows.format({ 1, "a", x = 2.5 }), '{1, "a", x = 2.5}', "table")
  check.eq(Rows.format("s"), "s", "a string prints bare")
  check.eq(Rows.format(nil), "nil", "nil")
  check.contains(Rows.format(edu.sql("SELECT 7 AS n")), "(1 row)", "rows")
end)

check.case("the rows of edu.docs print and convert", function()
  local docs = edu.docs()
  check.eq(#docs, 5, "the sample's documents")
  check.contains(tostring(docs), "(5 rows)", "text")
  check.eq(check.count(docs:to_csv(), "\r\n"), 6, "csv lines")
end)

check.done()
