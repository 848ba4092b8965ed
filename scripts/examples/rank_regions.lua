-- Ranks regions by one canonical metric and prints the table.
--   edushell run scripts/examples/rank_regions.lua [METRIC [YEAR [KIND]]]
-- Default: the 2026 growth targets of the provincial government work reports.
local metric = arg[1] or "地区生产总值增长"
local year = tonumber(arg[2] or "2026")
local kind = arg[3] or "target"

local ranking = edu.rank{metric = metric, year = year, kind = kind, level = "province"}
print(string.format("%s (%s), %s, %d", ranking.metric_name, ranking.metric, kind, year))

-- Only the regions that reported a figure; list the others after.
local ranked, missing = edu.Rows.new({}, {"rank", "region", "value", "unit", "cmp", "doc"}), {}
for _, r in ipairs(ranking) do
  if r.value then ranked[#ranked + 1] = r else missing[#missing + 1] = r.region end
end
print(ranked)
if #missing > 0 then print("no figure: " .. table.concat(missing, ", ")) end

-- The median of the reported figures, a fairer centre than the mean here.
local values = {}
for _, r in ipairs(ranked) do values[#values + 1] = r.value end
table.sort(values)
local mid = #values // 2
local median = #values % 2 == 1 and values[mid + 1] or (values[mid] + values[mid + 1]) / 2
print(string.format("regions %d, median %s%s", #values, edu.Rows.cell(median), ranked[1] and ranked[1].unit or ""))
