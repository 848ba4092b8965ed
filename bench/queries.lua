-- Latency of every edu.* query README documents, on the database given
-- with --db: each call runs until it has taken a second or ten times,
-- and the median of its runs is printed in milliseconds of the process's
-- CPU time (os.clock), so that others' work on a shared machine does not
-- count. The regions and metrics asked are the most common ones stored:
-- the regions with the most figures, so that a call about one region
-- finds some.
--   edushell --db DB run bench/queries.lua
local function median(xs)
  table.sort(xs)
  return xs[(#xs + 1) // 2]
end

local function time(f)
  local runs, spent = {}, 0
  while #runs < 10 or (spent < 1 and #runs < 200) do
    local t0 = os.clock()
    f()
    local dt = os.clock() - t0
    runs[#runs + 1], spent = dt, spent + dt
  end
  return median(runs) * 1000
end

local function top(sql, n)
  local out = {}
  for _, r in ipairs(edu.sql(sql .. " LIMIT " .. n)) do out[#out + 1] = r.v end
  return out
end

local regions = top([[SELECT d.region AS v FROM indicators i JOIN documents d ON d.id = i.doc_id
  WHERE d.region IS NOT NULL GROUP BY d.region ORDER BY count(*) DESC, d.region]], 3)
local metrics = top([[SELECT metric_id AS v FROM indicators WHERE metric_id IS NOT NULL AND kind = 'actual'
  GROUP BY metric_id ORDER BY count(*) DESC, metric_id]], 3)
local phrase = top([[SELECT metric AS v FROM indicators WHERE metric_id = ']] .. metrics[1] .. [['
  GROUP BY metric ORDER BY count(*) DESC, metric]], 1)[1]
local year = edu.sql("SELECT year AS v FROM indicators WHERE year IS NOT NULL GROUP BY year ORDER BY count(*) DESC LIMIT 1")[1].v
local plan_year = edu.sql("SELECT year AS v FROM indicators WHERE kind = 'target' AND year IS NOT NULL GROUP BY year ORDER BY count(*) DESC LIMIT 1")[1].v
local some = edu.sql("SELECT max(id) AS v FROM indicators")[1].v

local calls = {
  { "edu.docs{region=}", function() return edu.docs{ region = regions[1] } end },
  { "edu.docs{limit=100}", function() return edu.docs{ limit = 100 } end },
  { "edu.indicators{metric=, region=}", function() return edu.indicators{ metric = phrase, region = regions[1] } end },
  { "edu.indicators{metric=, limit=100}", function() return edu.indicators{ metric = phrase, limit = 100 } end },
  { "edu.indicators{region=, year=, limit=100}", function() return edu.indicators{ region = regions[1], year = year, limit = 100 } end },
  { "edu.series{region=, metric=}", function() return edu.series{ region = regions[1], metric = metrics[1] } end },
  { "edu.rank{metric=}", function() return edu.rank{ metric = metrics[1] } end },
  { "edu.rank{metric=, year=}", function() return edu.rank{ metric = metrics[1], year = year } end },
  { "edu.compare{3 regions, 3 metrics}", function() return edu.compare{ regions = regions, metrics = metrics } end },
  { "edu.compare{3 regions, 3 metrics, year=}", function() return edu.compare{ regions = regions, metrics = metrics, year = year } end },
  { "edu.plan_vs_actual{region=, year=}", function() return edu.plan_vs_actual{ region = regions[1], year = plan_year } end },
  { "edu.claims{region=}", function() return edu.claims{ region = regions[1] } end },
  { "edu.plan_vs_actual{region=, year=, limit=100}", function() return edu.plan_vs_actual{ region = regions[1], year = plan_year, limit = 100 } end },
  { "edu.claims{scope=全国}", function() return edu.claims{ scope = "全国" } end },
  { "edu.claims{scope=全国, limit=100}", function() return edu.claims{ scope = "全国", limit = 100 } end },
  { "edu.explain(id)", function() return edu.explain(some) end },
  { "edu.metric.list()", function() return edu.metric.list() end },
  { "edu.metric.resolve(phrase)", function() return edu.metric.resolve(phrase) end },
  { "edu.search(\"教师\")", function() return edu.search("教师") end },
  { "edu.runs()", function() return edu.runs() end },
}
local only = arg and arg[1]
local n = edu.sql("SELECT count(*) AS n FROM indicators")[1].n
print(string.format("%d indicators; regions %s; metrics %s; year %s", n, table.concat(regions, " "),
  table.concat(metrics, " "), tostring(year)))
for _, c in ipairs(calls) do
  if not only or c[1]:find(only, 1, true) then
    local rows = c[2]()
    local count = not rows and "-" or rows.total and rows.total > #rows and (#rows .. " of " .. rows.total) or #rows
    print(string.format("%-44s %9.2f ms  %s rows", c[1], time(c[2]), count))
  end
end
