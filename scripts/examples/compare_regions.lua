-- Two regions side by side: every canonical metric either has a figure
-- for, then each region's targets.
--   edushell run scripts/examples/compare_regions.lua [REGION_A REGION_B]
local a, b = arg[1] or "无锡市", arg[2] or "太仓市"

local table_ = edu.compare{regions = {a, b}}
local shown = edu.Rows.new({}, table_.columns)
for _, row in ipairs(table_) do
  if row[a] ~= nil or row[b] ~= nil then shown[#shown + 1] = row end
end
print(string.format("%s vs %s: %d canonical metrics with a figure (* marks a target)", a, b, #shown))
print(shown)

for _, region in ipairs({a, b}) do
  local targets = edu.indicators{region = region, kind = "target"}
  print(string.format("\n%s: %d documents, %d targets", region, #edu.docs{region = region}, #targets))
  for _, t in ipairs(targets) do
    print(string.format("  %s %s %s%s", t.year or "?", t.metric, edu.Rows.cell(t.value), t.unit))
  end
end
