-- The analysis functions as first written, one plain query per region,
-- metric or target, the choice made in Lua: the reference the library's
-- single queries over the indexes must agree with, on every region,
-- metric, kind and year stored. Prints one line per call compared, and
-- raises an error at the first difference.
local ANNUAL = [[basis = 'annual' AND subject IS NULL AND coalesce(period_start, year) = year]]
local PICK_ORDER = [[doc_year DESC, (doc_kind = 'midyear'), (unit <> coalesce(?9, unit)),
  (cmp IN ('>', '>=')), start, id]]
local REACHED = [[(CASE WHEN kind = 'change' AND unit = ?9 THEN 'actual' ELSE kind END)]]
local KIND_NOTE = { actual = "实际", target = "目标", change = "变化" }

local function pick_for_year(rows, year, kind)
  local exact, near, other
  for _, r in ipairs(rows) do
    if r.kind == kind and r.year == year then
      exact = exact or r
    elseif r.kind == kind then
      local d, nd = math.abs(r.year - year), near and math.abs(near.year - year)
      if not near or d < nd or (d == nd and r.year < near.year) then near = r end
    elseif r.year == year and r.kind ~= "rank" then
      other = other or r
    end
  end
  if exact then return exact end
  local r = near or other
  if r then r.note = r.kind == kind and string.format("%d年", r.year) or KIND_NOTE[r.kind] or r.kind end
  return r
end

local function first_per(rows, key)
  local seen, out = {}, {}
  for _, r in ipairs(rows) do
    local k = key(r)
    if not seen[k] then seen[k] = true; out[#out + 1] = r end
  end
  return out
end

local ref = {}

function ref.series(region, id, kind)
  local rows = edu.sql([[SELECT year, value, id AS indicator FROM indicator_rows
    WHERE region = ?1 AND metric_id = ?2 AND kind = ?3 AND year IS NOT NULL AND ]] .. ANNUAL .. [[
    ORDER BY year, ]] .. PICK_ORDER, region, id, kind, nil, nil, nil, nil, nil, edu.metric.get(id).unit)
  return first_per(rows, function(r) return r.year end)
end

-- region -> {value, year, indicator, note}, as edu.rank chooses before ranking
function ref.rank(id, kind, year, level)
  local unit, out = edu.metric.get(id).unit, {}
  if year then
    local by_region, order = {}, {}
    for _, r in ipairs(edu.sql([[SELECT region, value, year, kind, id AS indicator FROM indicator_rows
        WHERE metric_id = ?1 AND year IS NOT NULL AND region IS NOT NULL AND (?2 IS NULL OR level = ?2) AND ]] .. ANNUAL .. [[
        ORDER BY region, ]] .. PICK_ORDER, id, level, nil, nil, nil, nil, nil, nil, unit)) do
      if not by_region[r.region] then by_region[r.region] = {}; order[#order + 1] = r.region end
      table.insert(by_region[r.region], r)
    end
    for _, region in ipairs(order) do out[region] = pick_for_year(by_region[region], year, kind) end
  else
    for _, r in ipairs(first_per(edu.sql([[SELECT region, value, year, id AS indicator FROM indicator_rows
        WHERE metric_id = ?1 AND kind = ?2 AND region IS NOT NULL AND (?3 IS NULL OR level = ?3) AND ]] .. ANNUAL .. [[
        ORDER BY region, ]] .. PICK_ORDER, id, kind, level, nil, nil, nil, nil, nil, unit),
        function(r) return r.region end)) do
      out[r.region] = r
    end
  end
  return out
end

function ref.cell(region, id, year)
  local unit = edu.metric.get(id).unit
  if year then
    return pick_for_year(edu.sql([[SELECT value, ]] .. REACHED .. [[ AS kind, year, id FROM indicator_rows
      WHERE region = ?1 AND metric_id = ?2 AND year IS NOT NULL AND ]] .. REACHED .. [[ IN ('actual', 'target')
        AND ]] .. ANNUAL .. [[ ORDER BY ]] .. PICK_ORDER, region, id, nil, nil, nil, nil, nil, nil, unit),
      year, "actual")
  end
  return edu.sql([[SELECT value, ]] .. REACHED .. [[ AS kind, year FROM indicator_rows
    WHERE region = ?1 AND metric_id = ?2 AND ]] .. REACHED .. [[ IN ('actual', 'target') AND ]] .. ANNUAL .. [[
    ORDER BY (kind = 'target'), year DESC, ]] .. PICK_ORDER .. " LIMIT 1", region, id,
    nil, nil, nil, nil, nil, nil, unit)[1]
end

function ref.plan(region, year)
  local targets = edu.sql([[SELECT r.id, r.metric, r.metric_id, r.value AS target, r.unit, r.cmp, r.year
    FROM indicator_rows r WHERE r.region = ?1 AND r.kind = 'target' AND (?2 IS NULL OR r.year = ?2)
    ORDER BY r.year, r.doc, r.doc_id, r.start, r.id]], region, year)
  for _, t in ipairs(targets) do
    local a = edu.sql([[SELECT value, doc FROM indicator_rows
      WHERE region = ?1 AND kind = 'actual' AND year = ?2 AND unit = ?3
        AND ((?4 IS NOT NULL AND metric_id = ?4) OR (?4 IS NULL AND metric = ?5))
      ORDER BY doc_year DESC, (doc_kind = 'midyear'), start, id LIMIT 1]], region, t.year, t.unit, t.metric_id, t.metric)[1]
    t.actual, t.actual_doc = a and a.value, a and a.doc
    local m = t.metric_id and edu.sql("SELECT direction FROM metrics WHERE id = ?1", t.metric_id)[1]
    t.direction = m and m.direction or "higher"
    if a then
      t.gap = a.value - t.target
      local lower = t.direction == "lower" or t.cmp == "<=" or t.cmp == "<"
      t.status = (lower and a.value <= t.target or not lower and a.value >= t.target) and "met" or "not met"
    else
      t.status = "no data"
    end
  end
  return targets
end

function ref.claims(scope, region, year)
  return edu.sql([[SELECT region, year, value AS rank, number, doc, id AS indicator FROM indicator_rows
    WHERE kind = 'rank' AND (?1 IS NULL OR scope = ?1) AND (?2 IS NULL OR region = ?2) AND (?3 IS NULL OR year = ?3)
    ORDER BY region, year, value, doc, start, id]], scope, region, year)
end

---------------------------------------------------------------------------
local function same(what, a, b)
  if a ~= b and not (type(a) == "number" and type(b) == "number" and a == b) then
    error(string.format("%s: the library gives %s, the reference %s", what, tostring(a), tostring(b)), 2)
  end
end

local function list(sql, ...)
  local out = {}
  for _, r in ipairs(edu.sql(sql, ...)) do out[#out + 1] = r.v end
  return out
end

local regions = list("SELECT DISTINCT region AS v FROM documents WHERE region IS NOT NULL ORDER BY 1")
local metrics = list([[SELECT DISTINCT metric_id AS v FROM indicators WHERE metric_id IS NOT NULL ORDER BY 1]])
-- The years most figures are about, and one with few (the nearest-year rules).
local years = list([[SELECT year AS v FROM indicators WHERE year IS NOT NULL GROUP BY year
  HAVING count(*) >= 100 OR year = 2010 ORDER BY 1]])
local counts = { series = 0, rank = 0, cells = 0, plans = 0, claims = 0 }
-- With the argument "plans", plan versus actual alone.
local only = arg and arg[1]
if only == "plans" then goto plans end

for _, id in ipairs(metrics) do
  for _, region in ipairs(regions) do
    for _, kind in ipairs({ "actual", "target" }) do
      local got, want = edu.series{ region = region, metric = id, kind = kind }, ref.series(region, id, kind)
      local what = string.format("edu.series{region=%s, metric=%s, kind=%s}", region, id, kind)
      same(what .. " points", #got, #want)
      for i, p in ipairs(want) do
        same(what .. " year", got[i].year, p.year)
        same(what .. " indicator", got[i].indicator, p.indicator)
        same(what .. " value", got[i].value, p.value)
      end
      counts.series = counts.series + #want
    end
  end
  -- Every kind and year over all regions; the actual figures, and one
  -- year's, over the regions of each level.
  local asks = {}
  for _, kind in ipairs({ "actual", "target", "change" }) do
    for _, year in ipairs({ false, table.unpack(years) }) do asks[#asks + 1] = { kind, year, false } end
  end
  for _, level in ipairs({ "province", "prefecture", "county" }) do
    asks[#asks + 1] = { "actual", false, level }
    asks[#asks + 1] = { "actual", years[#years], level }
  end
  for _, ask in ipairs(asks) do
    local kind, year, level = ask[1], ask[2], ask[3]
    do
      local got = edu.rank{ metric = id, kind = kind, year = year or nil, level = level or nil }
      local want = ref.rank(id, kind, year or nil, level or nil)
      local what = string.format("edu.rank{metric=%s, kind=%s, year=%s, level=%s}", id, kind, tostring(year),
        tostring(level))
      same(what .. " regions", #got, edu.sql([[SELECT count(DISTINCT region) AS n FROM documents
        WHERE region IS NOT NULL AND (?1 IS NULL OR region_level = ?1)]], level or nil)[1].n)
      local n = 0
      for _, r in ipairs(got) do
        local w = want[r.region]
        if r.value ~= nil then
          n = n + 1
          if not w then error(what .. ": the library ranks " .. r.region .. ", the reference has no figure") end
          same(what .. " " .. r.region .. " value", r.value, w.value)
          same(what .. " " .. r.region .. " year", r.year, w.year)
          same(what .. " " .. r.region .. " indicator", r.indicator, w.indicator)
          same(what .. " " .. r.region .. " note", r.note, w.note)
        else
          same(what .. " " .. r.region .. " without a figure", w, nil)
        end
      end
      counts.rank = counts.rank + n
    end
  end
end

for _, year in ipairs({ false, table.unpack(years) }) do
  local got = edu.compare{ regions = regions, metrics = metrics, year = year or nil }
  for i, id in ipairs(metrics) do
    for _, region in ipairs(regions) do
      local want = ref.cell(region, id, year or nil)
      local cell = got[i][region]
      local what = string.format("edu.compare %s %s %s", region, id, tostring(year))
      if not want then
        same(what, cell, nil)
      else
        local v = type(cell) == "string" and tonumber(cell:match("^[%d%.%-]+")) or cell
        -- A string cell is the figure as shown: compare what it marks.
        if type(cell) == "string" then
          same(what .. " target mark", cell:find("*", 1, true) ~= nil, want.kind == "target")
          same(what .. " year mark", cell:find("年", 1, true) ~= nil, year and want.year ~= year or false)
        else
          same(what .. " value", v, want.value)
        end
        counts.cells = counts.cells + 1
      end
    end
  end
end

::plans::
for _, region in ipairs(regions) do
  for _, year in ipairs({ false, table.unpack(years) }) do
    local got, want = edu.plan_vs_actual{ region = region, year = year or nil }, ref.plan(region, year or nil)
    local what = string.format("edu.plan_vs_actual{region=%s, year=%s}", region, tostring(year))
    same(what .. " targets", #got, #want)
    for i, t in ipairs(want) do
      same(what .. " target", got[i].target, t.target)
      same(what .. " metric", got[i].metric, t.metric)
      same(what .. " actual", got[i].actual, t.actual)
      same(what .. " actual_doc", got[i].actual_doc, t.actual_doc)
      same(what .. " direction", got[i].direction, t.direction)
      same(what .. " status", got[i].status, t.status)
      same(what .. " gap", got[i].gap, t.gap)
    end
    counts.plans = counts.plans + #want
    -- Cut by a limit: the first targets of the whole answer, each with
    -- the same actual, and the count of all.
    local cut = edu.plan_vs_actual{ region = region, year = year or nil, limit = 3 }
    same(what .. " limit=3 targets", #cut, math.min(3, #want))
    same(what .. " limit=3 total", cut.total, #want >= 3 and #want or nil)
    for i, t in ipairs(cut) do
      same(what .. " limit=3 target id", t.id, got[i].id)
      same(what .. " limit=3 actual", t.actual, got[i].actual)
      same(what .. " limit=3 status", t.status, got[i].status)
    end
  end
end
if only == "plans" then
  print(string.format("targets %d", counts.plans))
  return
end

local scopes = list("SELECT DISTINCT scope AS v FROM indicators WHERE kind = 'rank' AND scope IS NOT NULL ORDER BY 1")
local asks = { {} }
for _, s in ipairs(scopes) do asks[#asks + 1] = { scope = s } end
for _, r in ipairs(regions) do asks[#asks + 1] = { region = r } end
for _, y in ipairs(years) do asks[#asks + 1] = { year = y } end
for _, q in ipairs(asks) do
  local got, want = edu.claims(q), ref.claims(q.scope, q.region, q.year)
  local what = string.format("edu.claims{scope=%s, region=%s, year=%s}", tostring(q.scope), tostring(q.region), tostring(q.year))
  same(what .. " claims", #got, #want)
  for i, c in ipairs(want) do
    same(what .. " indicator", got[i].indicator, c.indicator)
    same(what .. " rank", got[i].rank, c.rank)
  end
  counts.claims = counts.claims + #want
  local limited = {}
  for k, v in pairs(q) do limited[k] = v end
  limited.limit = 5
  local cut = edu.claims(limited)
  same(what .. " limit=5 claims", #cut, math.min(5, #want))
  same(what .. " limit=5 total", cut.total, #want >= 5 and #want or nil)
  for i, c in ipairs(cut) do same(what .. " limit=5 indicator", c.indicator, want[i].indicator) end
end

-- A metric filter gives the figures whose phrase holds the word, as a scan
-- finds them, in the same order, alone, with a region, and cut by a limit:
-- words of two and three characters taken from the stored phrases.
local phrases = list([[SELECT phrase AS v FROM metric_phrases WHERE length(phrase) >= 3
  ORDER BY (SELECT count(*) FROM indicators i WHERE i.phrase_id = metric_phrases.id) DESC, phrase LIMIT 60]])
counts.phrases = 0
for _, phrase in ipairs(phrases) do
  for _, len in ipairs({ 2, 3 }) do
    local word = phrase:sub(1, utf8.offset(phrase, len + 1) - 1)
    for _, region in ipairs({ false, regions[1] }) do
      local got = edu.indicators{ metric = word, region = region or nil }
      local want = edu.sql([[SELECT id FROM indicator_rows WHERE instr(metric, ?1) > 0
        AND (?2 IS NULL OR region = ?2) ORDER BY doc, start, id]], word, region or nil)
      local what = string.format("edu.indicators{metric=%s, region=%s}", word, tostring(region))
      same(what .. " rows", #got, #want)
      for i, r in ipairs(want) do same(what .. " id", got[i].id, r.id) end
      counts.phrases = counts.phrases + #want
    end
    local cut = edu.indicators{ metric = word, limit = 3 }
    local all = edu.sql("SELECT count(*) AS n FROM indicators WHERE instr(metric, ?1) > 0", word)[1].n
    same("edu.indicators{metric=" .. word .. ", limit=3}", #cut, math.min(3, all))
    if all > 3 then same("edu.indicators{metric=" .. word .. ", limit=3} total", cut.total, all) end
  end
end

-- The view's sentence is the sentence's text.
same("indicator_rows.sentence", edu.sql([[SELECT count(*) AS n FROM indicator_rows r
  LEFT JOIN sentences s ON s.id = r.sentence_id WHERE r.sentence IS NOT s.text]])[1].n, 0)

print(string.format("series points %d, ranked figures %d, cells %d, targets %d, claims %d, metric figures %d",
  counts.series, counts.rank, counts.cells, counts.plans, counts.claims, counts.phrases))
