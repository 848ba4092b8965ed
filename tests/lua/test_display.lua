-- scripts/edu/display.lua: sqlite3's output modes for rows.
local check = require("check")
local display = edu.display
local Rows = edu.Rows

local function rows()
  return Rows.new({ { id = 1, region = "无锡市", value = 372335000000, unit = "元", note = "a,b" },
                    { id = 2, region = "太仓市", value = 92.81, unit = "%", note = nil } },
                  { "id", "region", "value", "unit", "note" })
end

local function with(settings, fn)
  local saved = {}
  for k in pairs(settings) do saved[k] = display[k] end
  display.set(settings)
  local ok, err = pcall(fn)
  for k, v in pairs(saved) do display[k] = v end
  if not ok then error(err, 0) end
end

check.case("column: aligned, figures as written, a count", function()
  local text = tostring(rows())
  check.contains(text, "3723.35亿", "亿 in the value column")
  check.contains(text, "92.81", "percent value")
  check.contains(text, "(2 rows)", "count")
  check.lacks(text, "372335000000", "raw money")
end)

check.case("csv, json, jsonl keep raw values", function()
  with({ mode = "csv" }, function()
    check.eq(tostring(rows()), 'id,region,value,unit,note\r\n1,无锡市,372335000000,元,"a,b"\r\n2,太仓市,92.81,%,', "csv")
  end)
  with({ mode = "csv", headers = false }, function()
    check.eq(select(2, tostring(rows()):gsub("\r\n", "")), 1, "no header line")
  end)
  with({ mode = "json" }, function()
    check.contains(tostring(rows()), '"value":372335000000', "json")
  end)
  with({ mode = "jsonl" }, function()
    local text = tostring(rows())
    check.eq(select(2, text:gsub("\n", "")), 1, "one line per row")
    check.contains(text, '{"id":2,"region":"太仓市","value":92.81,"unit":"%","note":null}', "jsonl")
  end)
end)

check.case("list, tabs, separator", function()
  with({ mode = "list" }, function()
    check.eq(tostring(rows()), "id|region|value|unit|note\n1|无锡市|372335000000|元|a,b\n2|太仓市|92.81|%|", "list")
  end)
  with({ mode = "list", separator = ";", headers = false }, function()
    check.eq(tostring(rows()), "1;无锡市;372335000000;元;a,b\n2;太仓市;92.81;%;", "separator")
  end)
  with({ mode = "tabs" }, function()
    check.contains(tostring(rows()), "1\t无锡市\t", "tabs")
  end)
end)

check.case("box, table, markdown, line", function()
  with({ mode = "box" }, function()
    local text = tostring(rows())
    check.contains(text, "┌────┬", "box top")
    check.contains(text, "│ 无锡市 │", "box cell")
    check.contains(text, "3723.35亿", "box figures")
  end)
  with({ mode = "table" }, function()
    check.contains(tostring(rows()), "+----+--------+", "table frame")
  end)
  with({ mode = "markdown" }, function()
    check.contains(tostring(rows()), "| 1 | 无锡市 | 3723.35亿 | 元 | a,b |", "markdown")
  end)
  with({ mode = "line" }, function()
    check.contains(tostring(rows()), "region = 无锡市\n value = 3723.35亿", "line")
  end)
end)

check.case("widths: .width and the terminal's", function()
  with({ widths = { 0, 4 } }, function()
    check.contains(tostring(rows()), "无…", "cut to .width by display width")
  end)
  local long = Rows.new({ { t = string.rep("教育", 40), n = 1 } }, { "t", "n" })
  with({ max_width = 30 }, function()
    for line in tostring(long):gmatch("[^\n]+") do
      check.truthy(Rows.width(line) <= 30, "line fits 30 columns: " .. line)
    end
    check.contains(tostring(long), "…", "the cut is marked")
  end)
end)

check.case("a capped result says so", function()
  local r = edu.indicators{ limit = 3 }
  check.contains(tostring(r), "(3 of ", "count of all")
  check.contains(tostring(r), "add limit= for more: edu.indicators{limit = ", "how to see more")
  with({ mode = "csv" }, function()
    local text, note = display.render(r)
    check.lacks(text, "of ", "no note inside CSV")
    check.contains(note, "(3 of ", "the note beside it")
  end)
end)

check.case("unknown modes are errors", function()
  check.fails(function() display.set{ mode = "fancy" } end, "unknown mode 'fancy'")
end)

check.done()
