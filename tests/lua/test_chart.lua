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
  check.truthy(same[1] == 0 and same[#same] >= 5, "one value: an axis from zero")
  local zero = chart.ticks(0, 0, 5)
  check.truthy(zero[1] == 0 and zero[#zero] == 1, "all zeros: 0 to 1, not -1 to 1")
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
  check.lacks(svg, "上半年", "no half-year mark without a half-year figure")
  check.eq(check.count(svg, '<polyline class="es%-line"'), 1, "one line")
  check.contains(svg, ">92.81<", "value label")
  local two = chart.lines({ s, s }, { names = { "甲", "乙" } })
  check.eq(check.count(two, '<polyline class="es%-line"'), 2, "two lines")
  check.contains(two, ">乙<", "legend")
end)

check.case("lines over a real series", function()
  local s = edu.series{ region = "无锡市", metric = "普惠性幼儿园覆盖率" }
  check.truthy(#s >= 2, "the sample has a series")
  check.eq(check.count(chart.lines(s), '<circle class="es%-point'), #s, "a point per year")
end)

check.case("nothing to draw: no chart, no empty axis", function()
  check.eq(chart.bars(rows({ { region = "a" } })), nil, "bars without values")
  check.eq(chart.lines(edu.Rows.new({}, { "year", "value" })), nil, "lines without points")
  check.eq(chart.text_bars(rows({})), nil, "text bars")
end)

check.case("large figures: 亿 and 万 on the axis, never e+", function()
  local svg = chart.bars(rows({ { region = "甲", value = 372335000000, unit = "元" },
                                { region = "乙", value = 567000000000, unit = "元" } }))
  check.contains(svg, "（亿元）", "axis unit")
  check.contains(svg, ">3723.35亿<", "value label")
  check.lacks(svg, "e+", "no exponent")
  check.lacks(svg, "372335000000", "no raw figure")
  local line = chart.lines(edu.Rows.new({ { year = 2024, value = 1.2e13, unit = "元" }, { year = 2025, value = 1.37e13, unit = "元" } },
    { "year", "value", "unit" }))
  check.contains(line, ">万亿元<", "line axis unit")
  check.contains(line, ">13.7万亿<", "line label")
  check.lacks(line, "e+", "no exponent")
end)

check.case("lines: gaps at missing years, half-year points, ranges", function()
  local s = edu.Rows.new({
    { year = 2019, value = 80, unit = "%", doc_kind = "midyear" },
    { year = 2020, value = 84, unit = "%" },
    { year = 2022, value = 88, value_hi = 90, unit = "%" },
    { year = 2023, value = 91, unit = "%" },
  }, { "year", "value", "unit" })
  local svg = chart.lines(s)
  check.eq(check.count(svg, '<polyline class="es%-line"'), 2, "the line breaks at 2021")
  check.eq(check.count(svg, 'class="es%-point es%-half"'), 1, "one hollow half-year point")
  check.contains(svg, "80（上半年）", "half-year label")
  check.contains(svg, "空心点：上半年数据", "legend")
  check.eq(check.count(svg, 'class="es%-range"'), 1, "the range drawn")
  check.contains(svg, ">88–90<", "range label")
end)

check.case("bars: ranges drawn to their upper bound", function()
  local svg = chart.bars(rows({ { region = "a", value = 4, value_hi = 5, unit = "%" }, { region = "b", value = 3, unit = "%" } }))
  check.eq(check.count(svg, 'class="es%-range"'), 1, "one range")
  check.contains(svg, ">4–5<", "range label")
end)

check.case("text bars: scaled to the largest value", function()
  local t = chart.text_bars(rows({ { region = "甲", value = 10 }, { region = "乙乙", value = 5 } }), { width = 10 })
  local l1, l2 = t:match("^([^\n]*)\n([^\n]*)$")
  check.eq(l1, "甲    ██████████ 10", "longest bar")
  check.eq(l2, "乙乙  █████ 5", "half")
  local money = chart.text_bars(rows({ { region = "甲", value = 372335000000, unit = "元" } }))
  check.contains(money, "3723.35亿元", "figures as written")
end)

check.done()
