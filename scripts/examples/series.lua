-- One region's figures for a metric over the years, with the change from
-- year to year and the sentence each figure comes from.
--   edushell run scripts/examples/series.lua [REGION [METRIC]]
local region = arg[1] or "无锡市"
local metric = arg[2] or "普惠性幼儿园覆盖率"

local s = edu.series{region = region, metric = metric}
print(string.format("%s %s (%s): %d years", region, metric, s.metric, #s))
local previous
for _, p in ipairs(s) do
  local change = previous and string.format("%+.2f", p.value - previous) or ""
  print((string.format("%d  %s%s  %s", p.year, edu.Rows.cell(p.value), p.unit, change):gsub("%s+$", "")))
  previous = p.value
end
-- Provenance of the latest point.
if #s > 0 then print(edu.explain(s[#s].indicator)) end
