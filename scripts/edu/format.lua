-- Figures and codes as Chinese readers write them. Every figure the
-- library shows (the REPL's tables, reports, charts, spreadsheets' display
-- columns) goes through format.figure, which is the C formatter of
-- core/present, so there is one rule for 3723.35亿元, 1–2所 and 30所以上.
local core = require("edu.core")
local format = {}

--- format.figure(value [, unit [, opts]]) -> text: 3723.35亿元, 1–2所, 30所以上, 第二
-- opts: hi (upper bound of a range), cmp (>=, <=, ~ ...), kind ("rank"),
-- bare (number and magnitude only: 3723.35亿).
function format.figure(value, unit, opts)
  if value == nil then return "–" end
  if type(value) ~= "number" then return tostring(value) end
  opts = opts or {}
  return core.figure(value, unit, opts.hi, opts.cmp, opts.kind, opts.bare)
end

--- format.of(row [, bare]) -> the figure of a row with value, value_hi, unit, cmp, kind
function format.of(row, bare)
  return format.figure(row.value, row.unit, { hi = row.value_hi, cmp = row.cmp, kind = row.kind, bare = bare })
end

--- format.number(v) -> 1,234.5 (thousands separators, at most six significant digits)
function format.number(v)
  if type(v) ~= "number" then return v == nil and "" or tostring(v) end
  return core.number(v)
end

--- format.count(n) -> 1,234 (whole numbers with separators)
function format.count(n) return core.number(n) end

--- format.scale(max_abs, unit) -> divisor, magnitude ("亿", "万", "")
function format.scale(max_abs, unit) return core.scale(max_abs, unit) end

-- Codes in Chinese, for reports and headers.
format.KIND = { actual = "实际", target = "目标", change = "变化", rank = "排名" }
format.DOC_KIND = { summary = "工作总结", plan = "工作要点", progress = "完成情况",
                    midyear = "上半年总结", ["gov-report"] = "政府工作报告" }
format.STATUS = { met = "已完成", ["not met"] = "未完成", ["no data"] = "无数据" }
format.LEVEL = { province = "省", prefecture = "市", county = "县" }
format.CMP = { [">="] = "以上", [">"] = "超过", ["<="] = "不超过", ["<"] = "低于", ["~"] = "左右", ["="] = "" }

--- format.code(table, value) -> the Chinese word for a code, or the code itself
function format.code(words, value)
  if value == nil then return "" end
  return words[value] or tostring(value)
end

--- format.date(iso) -> 2021年3月5日 (nil stays nil)
function format.date(iso)
  if type(iso) ~= "string" then return nil end
  local y, m, d = iso:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then return string.format("%d年%d月%d日", y, m, d) end
  y, m = iso:match("^(%d%d%d%d)%-(%d%d)")
  if y then return string.format("%d年%d月", y, m) end
  return iso
end

return format
