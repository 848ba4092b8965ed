-- scripts/edu/format.lua: the one formatter of figures (core/present),
-- and codes in Chinese.
local check = require("check")
local format = edu.format

check.case("figures with units, magnitudes, ranges and comparators", function()
  check.eq(format.figure(10300000000000, "元"), "10.3万亿元", "万亿")
  check.eq(format.figure(372335000000, "元"), "3723.35亿元", "亿")
  check.eq(format.figure(1234, "所"), "1,234所", "separators")
  check.eq(format.figure(92.81, "%"), "92.81%", "percent")
  check.eq(format.figure(1.5, "个百分点"), "1.5个百分点", "percentage points")
  check.eq(format.figure(1, "所", { hi = 2 }), "1–2所", "range")
  check.eq(format.figure(30, "所", { cmp = ">=" }), "30所以上", "以上")
  check.eq(format.figure(5, "%", { cmp = "~" }), "5%左右", "左右")
  check.eq(format.figure(3, "%", { cmp = "<=" }), "不超过3%", "不超过")
  check.eq(format.figure(2, "位", { kind = "rank" }), "第二", "rank")
  check.eq(format.figure(372335000000, "元", { bare = true }), "3723.35亿", "bare")
  check.eq(format.figure(nil), "–", "nothing")
end)

check.case("a row's figure", function()
  check.eq(format.of({ value = 4, value_hi = 5, unit = "所", cmp = "=", kind = "target" }), "4–5所", "row")
  local r = edu.indicators{ region = "无锡市", metric = "普惠性幼儿园覆盖率", year = 2021 }[1]
  check.eq(format.of(r), "92.81%", "a stored indicator")
end)

check.case("plain numbers and scales", function()
  check.eq(format.number(1234567), "1,234,567", "count")
  check.eq(format.number(nil), "", "nil")
  local d, m = format.scale(4.2e11, "元")
  check.eq(d, 1e8, "divisor")
  check.eq(m, "亿", "magnitude")
end)

check.case("codes in Chinese", function()
  check.eq(format.code(format.KIND, "target"), "目标", "kind")
  check.eq(format.code(format.DOC_KIND, "gov-report"), "政府工作报告", "document kind")
  check.eq(format.code(format.STATUS, "not met"), "未完成", "status")
  check.eq(format.code(format.KIND, "other"), "other", "unknown codes stay")
  check.eq(format.date("2021-03-05"), "2021年3月5日", "date")
  check.eq(format.date(nil), nil, "no date")
end)

check.done()
