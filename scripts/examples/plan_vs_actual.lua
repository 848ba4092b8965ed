-- Each target of a region against the actual figure reported for its year.
--   edushell run scripts/examples/plan_vs_actual.lua [REGION [YEAR]]
local region = arg[1] or "无锡市"
local year = tonumber(arg[2])

local rows = edu.plan_vs_actual{region = region, year = year}
print(rows)
local count = {}
for _, r in ipairs(rows) do count[r.status] = (count[r.status] or 0) + 1 end
print(string.format("%s: %d targets: %d met, %d not met, %d without an actual figure", region, #rows,
  count["met"] or 0, count["not met"] or 0, count["no data"] or 0))
