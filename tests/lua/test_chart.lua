-- scripts/edu/chart.lua: inline SVG charts and text bars.
local check = require("check")
local chart = require("edu.chart")

local function rows(t) return edu.Rows.new(t, { "region", "value", "unit" }) end

check.case("ticks: round steps covering the range", function()
  local t, first, last = chart.ticks(3, 97, 5)
  check.eq(first, 0, "first tick")
  check.eq(last, 100, "last tick")
  check.eq(t[2] - t[1], 20, "step")
  local u = chart.ticks(0.12, 0.38, 5)
  check.truthy(u[1] <= 0.12 and u[#u] >= 0.38, "small values covered")
  local same = chart.ticks(5, 5, 5)
  check.truthy(same[1] < 5 and same[#same] > 5, "one value gets a range")
end)

check.case("bars: one bar per row with a value, labels escaped", function()
  local svg = chart.bars(rows({ { region = "A<B", value = 10, unit = "%" }, { region = "无锡市", value = 25, unit = "%" },
    { region = "none" } }), { title = "覆盖率" })
  check.eq(check.count(svg, '<rect class="es%-bar"'), 2, "bars")
  check.contains(svg, "A&lt;B", "escaped label")
  check.lacks(svg, ">none<", "a row without a value has no bar")
  check.contains(svg, "<title>覆盖率</title>", "title")
  check.contains(svg, "（%）", "unit on the axis")
  check.truthy(svg:match("^<svg") and svg:match("</svg>$"), "one SVG element")
end)

check.case("bars: negative values grow left of zero", function()
  local svg = chart.bars(rows({ { region = "a", value = -5 }, { region = "b", value = 10 } }))
  check.contains(svg, 'text-anchor="end">-5<', "negative value label at the bar's left end")
end)

check.case("lines: a point per year, one polyline per series", function()
  local s = edu.Rows.new({ { year = 2020, value = 86, unit = "%" }, { year = 2021, value = 92.81, unit = "%" } },
    { "year", "value", "unit" })
  local svg = chart.lines(s, { title = "普惠" })
  check.eq(check.count(svg, '<circle class="es%-point"'), 2, "points")
  check.eq(check.count(svg, '<polyline class="es%-line"'), 1, "one line")
  check.contains(svg, ">92.81<", "value label")
  local two = chart.lines({ s, s }, { names = { "甲", "乙" } })
  check.eq(check.count(two, '<polyline class="es%-line"'), 2, "two lines")
  check.contains(two, ">乙<", "legend")
end)

check.case("lines over a real series", function()
  local s = edu.series{ region = "无锡市", metric = "普惠性幼儿园覆盖率" }
  check.truthy(#s >= 2, "the sample has a series")
  check.eq(check.count(chart.lines(s), '<circle class="es%-point"'), #s, "a point per year")
end)

check.case("text bars: scaled to the largest value", function()
  local t = chart.text_bars(rows({ { region = "甲", value = 10 }, { region = "乙乙", value = 5 } }), { width = 10 })
  local l1, l2 = t:match("^([^\n]*)\n([^\n]*)$")
  check.eq(l1, "甲    ██████████ 10", "longest bar")
  check.eq(l2, "乙乙  █████ 5", "half")
end)

check.done()
