-- The analyst's library: canonical metrics, series, rankings, comparisons,
-- plan versus actual, rank claims, provenance. Everything here is plain Lua
-- over edu.sql, so analysts can read it and write their own in the same way.
return function(edu, core)
  local Rows = edu.Rows

  ---------------------------------------------------------------------------
  -- Canonical metrics
  edu.metric = {}

  --- edu.metric.define{id=, name=, aliases={...}, category=, unit=, direction=}
  function edu.metric.define(def)
    if not core.define_metric then error("edu.metric.define: the database is open read-only", 2) end
    core.define_metric(def)
    return edu.metric.get(def.id)
  end

  --- edu.metric.list([category]) -> rows of the canonical metric table
  function edu.metric.list(category)
    return edu.sql([[
      SELECT m.id, m.name, m.category, m.unit, m.direction,
             coalesce((SELECT c.n FROM metric_counts c WHERE c.metric_id = m.id), 0) AS indicators
      FROM metrics m WHERE ?1 IS NULL OR m.category = ?1 ORDER BY m.category, m.id]], category)
  end

  --- edu.metric.get(id) -> the definition as a table, or nil
  function edu.metric.get(id)
    return edu.sql("SELECT * FROM metrics WHERE id = ?1", id)[1]
  end

  --- edu.metric.resolve(text) -> id: an id, a canonical name, or any phrase an alias fits
  function edu.metric.resolve(text)
    if text == nil then return nil end
    local row = edu.sql("SELECT id FROM metrics WHERE id = ?1 OR name = ?1", text)[1]
    return row and row.id or core.metric_id(text)
  end

  local function require_metric(text, who)
    local id = edu.metric.resolve(text)
    if not id then error(who .. ": no canonical metric fits '" .. tostring(text) .. "' (see .metrics)", 3) end
    return id
  end

  -- A year's figure is an annual one: one year's value or the level at its
  -- end, about the whole region (not 武汉都市圈), never a yearly average
  -- (年均增长) or a period's total (五年来, 累计) taken for one year's.
  local ANNUAL = [[basis = 'annual' AND subject IS NULL AND coalesce(period_start, year) = year]]
  -- The figures of a canonical metric are sought bucket by bucket of
  -- documents (the index indicators_figures is by bucket first, so that a
  -- load adds to its end): a query naming a metric names the buckets too.
  -- A region named with it is written +region (and the documents of the
  -- regions +doc_id), which keeps SQLite from starting at the region's
  -- documents and reading every figure of theirs from the table instead.
  local BY_BUCKET = "(doc_id >> 10) IN (SELECT bucket FROM document_buckets) AND "
  -- Within a document an exact figure comes before a threshold passed on
  -- the way (突破4000亿元、达到4211亿元), and one in the metric's unit
  -- before a difference (增长5.5%, 高于全国0.3个百分点); `unit` is the SQL
  -- of the metric's unit. The row id last, so that a pick is always the same.
  -- As a list of keys: {sql} ascending, {sql, true} descending.
  local function pick_order(unit)
    return { { "doc_year", true }, { "(doc_kind = 'midyear')" }, { "(unit <> coalesce(" .. unit .. ", unit))" },
      { "(cmp IN ('>', '>='))" }, { "start" }, { "id" } }
  end

  local KIND_NOTE = { actual = "实际", target = "目标", change = "变化" }

  -- The rows of a query in the order of `order` (column names, "name
  -- DESC" for descending; order.keep: how many leading columns the rows
  -- hold, the later ones being keys only), sorted in C (core.sorted): for
  -- results of thousands of rows, which SQLite's sort of whole rows made
  -- slow.
  local function sorted(order, sql, ...)
    local ok, rows, columns = pcall(core.sorted, order, sql, ...)
    if not ok then error(rows, 2) end
    return Rows.new(rows, columns)
  end

  -- What a comparison shows as reached: an actual figure, or a change in
  -- the metric's own unit (地区生产总值增长5.5% measures growth).
  local function reached(unit)
    return "(CASE WHEN kind = 'change' AND unit = " .. unit .. " THEN 'actual' ELSE kind END)"
  end
  -- The keys of `order` after `first` ones.
  local function keys(first, order)
    for _, k in ipairs(order) do first[#first + 1] = k end
    return first
  end

  -- The first row of each group in an order: of the rows of
  -- indicator_rows WHERE `where`, one per value of the `partition` columns
  -- (a list), the first in `order` (keys as pick_order's, the last one
  -- unique: the row's id), with `columns`, ordered by `final`. The keys of
  -- every candidate are compared in C (core.firsts), which gives the
  -- winners' ids; their columns are then read by id: a window over the
  -- candidates would sort thousands of rows on six keys to keep a few.
  -- params: the values bound, params.n of them.
  local function first_of_each(columns, where, partition, order, final, params)
    local select, keys = {}, { groups = #partition }
    for i, c in ipairs(partition) do
      select[i] = c .. " AS g" .. i
      keys[i] = "g" .. i
    end
    for i, k in ipairs(order) do
      select[#select + 1] = k[1] .. " AS k" .. i
      keys[#keys + 1] = "k" .. i .. (k[2] and " DESC" or "")
    end
    local ids = core.firsts(keys, "SELECT " .. table.concat(select, ", ") .. " FROM indicator_rows WHERE " .. where,
      table.unpack(params, 1, params.n))
    for i, id in ipairs(ids) do ids[i] = string.format("%d", id) end
    local p = {}
    for i = 1, params.n do p[i] = params[i] end
    p[params.n + 1] = "[" .. table.concat(ids, ",") .. "]"
    return edu.sql("SELECT " .. columns .. " FROM indicator_rows WHERE id IN (SELECT value FROM json_each(?"
      .. (params.n + 1) .. ")) ORDER BY " .. final, table.unpack(p, 1, params.n + 1))
  end

  -- The figure to show for a year among a region's annual figures of one
  -- metric: that year's of the kind asked; else, marked in `note`, the
  -- nearest other year's of that kind (the earlier on a tie), then that
  -- year's of another kind (never a rank). As SQL: the class of a row (0,
  -- 1, 2 in that order, 3 none), then the order within the class. `kind`
  -- is the SQL of the row's kind, `y` and `k` of the year and kind asked.
  local function year_class(kind, y, k)
    return string.format([[(CASE WHEN %s = %s AND year = %s THEN 0 WHEN %s = %s THEN 1
      WHEN year = %s AND %s <> 'rank' THEN 2 ELSE 3 END)]], kind, k, y, kind, k, y, kind)
  end
  local function year_order(kind, y, k, unit)
    local class = year_class(kind, y, k)
    return keys({ { class }, { string.format("CASE WHEN %s = 1 THEN abs(year - %s) END", class, y) },
      { string.format("CASE WHEN %s = 1 THEN year END", class) } }, pick_order(unit))
  end

  -- "(?n, ?n+1, ...)" for the distinct values of a list, added to params:
  -- values are always bound.
  local function in_list(list, params)
    local marks, seen = {}, {}
    for _, v in ipairs(list) do
      if not seen[v] then
        seen[v] = true
        params[#params + 1] = v
        marks[#marks + 1] = "?" .. #params
      end
    end
    return "(" .. table.concat(marks, ", ") .. ")"
  end

  ---------------------------------------------------------------------------
  --- edu.series{region=, metric=, kind="actual"} -> one point per year
  function edu.series(opts)
    opts = opts or {}
    local region = edu.region(opts.region, 2)
    local id = require_metric(opts.metric, "edu.series")
    local points = first_of_each("year, value, value_hi, unit, cmp, id AS indicator, doc, doc_kind",
      BY_BUCKET .. "+region = ?1 AND metric_id = ?2 AND kind = ?3 AND year IS NOT NULL AND " .. ANNUAL,
      { "year" }, pick_order("?4"), "year", { n = 4, region, id, opts.kind or "actual", edu.metric.get(id).unit })
    local out = Rows.new(points, { "year", "value", "unit", "doc", "indicator" })
    out.metric, out.region = id, region
    return out
  end

  ---------------------------------------------------------------------------
  -- Competition ranking: equal values share a rank, the next rank skips.
  local function assign_ranks(rows, higher_first)
    table.sort(rows, function(a, b)
      if a.value == nil or b.value == nil then
        if (a.value == nil) ~= (b.value == nil) then return b.value == nil end
        return a.region < b.region
      end
      if a.value ~= b.value then
        if higher_first then return a.value > b.value end
        return a.value < b.value
      end
      return a.region < b.region
    end)
    for i, r in ipairs(rows) do
      if r.value ~= nil then
        local prev = rows[i - 1]
        r.rank = (prev and prev.value == r.value) and prev.rank or i
      end
    end
    return rows
  end

  --- edu.rank{metric=, year=, level=, kind="actual", desc=} -> one row per region
  function edu.rank(opts)
    opts = opts or {}
    local level = edu.level(opts.level, 2)
    local id = require_metric(opts.metric, "edu.rank")
    local def = edu.metric.get(id)
    local kind = opts.kind or "actual"
    local rows
    if opts.year then
      -- Each region's figure of the year, or, marked, its nearest.
      rows = first_of_each("region, value, value_hi, unit, cmp, year, kind, doc, id AS indicator",
        BY_BUCKET .. "metric_id = ?1 AND year IS NOT NULL AND (?2 IS NULL OR level = ?2)"
          .. " AND region IS NOT NULL AND " .. ANNUAL .. " AND " .. year_class("kind", "?4", "?3") .. " < 3",
        { "region" }, year_order("kind", "?4", "?3", "?5"), "region",
        { n = 5, id, level, kind, math.tointeger(opts.year) or opts.year, def.unit })
      for _, r in ipairs(rows) do
        if r.year ~= opts.year or r.kind ~= kind then
          r.note = r.kind == kind and string.format("%d年", r.year) or KIND_NOTE[r.kind] or r.kind
        end
      end
    else
      rows = first_of_each("region, value, value_hi, unit, cmp, year, doc, id AS indicator",
        BY_BUCKET .. "metric_id = ?1 AND kind = ?2 AND (?3 IS NULL OR level = ?3) AND region IS NOT NULL AND " .. ANNUAL,
        { "region" }, pick_order("?4"), "region", { n = 4, id, kind, level, def.unit })
    end
    local have = {}
    for _, r in ipairs(rows) do have[r.region] = true end
    -- Without a level, from the index of regions alone.
    for _, r in ipairs(edu.sql("SELECT DISTINCT region FROM documents WHERE region IS NOT NULL"
        .. (level and " AND region_level = ?1" or "") .. " ORDER BY region", level)) do
      if not have[r.region] then rows[#rows + 1] = { region = r.region } end
    end
    local higher_first = def.direction ~= "lower"
    if opts.desc ~= nil then higher_first = opts.desc and true or false end
    local out = Rows.new(assign_ranks(rows, higher_first),
      { "rank", "region", "value", "value_hi", "unit", "cmp", "year", "note", "doc" })
    out.metric, out.metric_name, out.kind, out.year = id, def.name, kind, opts.year
    return out
  end

  ---------------------------------------------------------------------------
  --- edu.compare{regions={...}, metrics={...} | category=, year=} -> region x metric
  -- Cells hold the value; a target is marked with "*", a figure of another
  -- year than the one asked with that year (the cell is a string then).
  function edu.compare(opts)
    if type(opts) ~= "table" or type(opts.regions) ~= "table" or #opts.regions == 0 then
      error("edu.compare: regions={...} required", 2)
    end
    local regions = {}
    for i, r in ipairs(opts.regions) do regions[i] = edu.region(r, 2) end
    local ids = {}
    if opts.metrics then
      for _, m in ipairs(opts.metrics) do ids[#ids + 1] = require_metric(m, "edu.compare") end
    else
      for _, r in ipairs(edu.sql([[SELECT DISTINCT r.metric_id AS id FROM indicator_rows r
          JOIN metrics m ON m.id = r.metric_id
          WHERE (?1 IS NULL OR m.category = ?1) AND (?2 IS NULL OR r.year = ?2)
          ORDER BY m.category, r.metric_id]], opts.category, opts.year)) do
        ids[#ids + 1] = r.id
      end
    end
    local out, columns = {}, { "metric", "unit" }
    for _, region in ipairs(regions) do columns[#columns + 1] = region end
    -- Every cell in one query: the figure each (region, metric) shows. The
    -- unit of a row's metric is bound, not looked up row by row; the rows
    -- are sought by metric and kind in the figures index, and by document
    -- among the regions' documents before any other column is read.
    local params = { math.tointeger(opts.year) or opts.year or false }
    local units, seen = {}, {}
    for _, id in ipairs(ids) do
      if not seen[id] then
        seen[id] = true
        params[#params + 1], params[#params + 2] = id, edu.metric.get(id).unit
        units[#units + 1] = string.format(" WHEN ?%d THEN ?%d", #params - 1, #params)
      end
    end
    local unit = #units > 0 and "(CASE metric_id" .. table.concat(units) .. " END)" or "NULL"
    local reach = reached(unit)
    local in_regions = in_list(regions, params)
    local where = BY_BUCKET .. "+region IN " .. in_regions .. " AND metric_id IN " .. in_list(ids, params)
      .. " AND kind IN ('actual', 'target', 'change') AND +doc_id IN (SELECT id FROM documents WHERE region IN "
      .. in_regions .. ") AND " .. reach .. " IN ('actual', 'target') AND " .. ANNUAL
    local order
    if opts.year then
      where = where .. " AND year IS NOT NULL AND " .. year_class(reach, "?1", "'actual'") .. " < 3"
      order = year_order(reach, "?1", "'actual'", unit)
    else
      order = keys({ { "(kind = 'target')" }, { "year", true } }, pick_order(unit))
    end
    params.n = #params
    local cells = {}
    for _, v in ipairs(first_of_each("region, metric_id, value, " .. reach .. " AS reached, year", where,
        { "region", "metric_id" }, order, "region, metric_id", params)) do
      cells[v.region .. "\0" .. v.metric_id] = { value = v.value, kind = v.reached, year = v.year }
    end
    for _, id in ipairs(ids) do
      local def = edu.metric.get(id)
      local row = { metric = def.name, unit = def.unit, id = id }
      for _, region in ipairs(regions) do
        local v = cells[region .. "\0" .. id]
        if v then
          local shown = edu.format.figure(v.value, def.unit, { bare = true })
          if v.kind == "target" then
            row[region] = shown .. "*" .. (opts.year and v.year ~= opts.year and string.format("（%d年）", v.year) or "")
          elseif opts.year and v.year ~= opts.year then
            row[region] = shown .. string.format("（%d年）", v.year)
          else
            row[region] = v.value
          end
        end
      end
      out[#out + 1] = row
    end
    out = Rows.new(out, columns)
    out.figures = {}
    for _, region in ipairs(regions) do out.figures[region] = { unit = "unit" } end
    return out
  end

  ---------------------------------------------------------------------------
  -- opts.limit as an integer, or nil; an error at who's caller otherwise.
  local function limit_of(opts, who)
    if opts.limit == nil then return nil end
    return math.tointeger(opts.limit) or error(who .. ": limit must be an integer", 3)
  end

  local function meets(actual, target, cmp, direction)
    if direction == "lower" or cmp == "<=" or cmp == "<" then return actual <= target end
    return actual >= target
  end

  --- edu.plan_vs_actual{region=, year=, limit=} -> each target with its actual, status and gap
  -- The region's documents first (CROSS JOIN keeps that order): its
  -- targets, then in one query every actual figure that could answer one,
  -- best first; each target takes the first of the same year, unit and
  -- canonical metric (or, without one, the same metric phrase). With a
  -- limit, the first targets in order, and the count of all.
  function edu.plan_vs_actual(opts)
    opts = opts or {}
    local region = edu.region(opts.region, 2)
    local limit = limit_of(opts, "edu.plan_vs_actual")
    -- The region's targets, from the index of targets, which holds every
    -- column read in the order each document states them (so that they
    -- come nearly in order: SQLite sorts the first few of a limit in
    -- passing, core.sorted all of them on values already read).
    -- Order: year, document (by name), place in it. With a year asked,
    -- SQLite sorts the first few of a limit document by document, as the
    -- region's documents come in order of name, and stops.
    local columns = [[SELECT i.id, i.metric, i.metric_id, i.value AS target, i.value_hi AS target_hi, i.unit,
             i.cmp, i.year, d.name AS plan_doc ]]
    local from = [[FROM documents d INDEXED BY documents_region_name
        CROSS JOIN indicators i INDEXED BY indicators_targets ON i.doc_id = d.id
      WHERE d.region = ?1 AND i.kind = 'target']] .. (opts.year ~= nil and " AND i.year = ?2" or "")
    local targets
    if limit then
      targets = edu.sql(columns .. from .. " ORDER BY " .. (opts.year ~= nil and "" or "i.year, ")
        .. "d.name, d.id, i.start, i.id LIMIT ?3", region, opts.year, limit)
    else
      targets = sorted({ "year", "plan_doc", "plan_doc_id", "start", "id", keep = 9 },
        columns .. ", d.id AS plan_doc_id, i.start " .. from, region, opts.year)
    end
    -- Each target's direction from the metric table read once, where a
    -- join looked it up again for each of thousands of targets (higher is
    -- better when the table does not say), and "no data" until an actual
    -- answers it; and the metrics and years asked, each once.
    local direction = {}
    for _, m in ipairs(edu.sql("SELECT id, direction FROM metrics")) do direction[m.id] = m.direction end
    local ids, phrases, years, seen_id, seen_phrase, seen_year = {}, {}, {}, {}, {}, {}
    for _, t in ipairs(targets) do
      local id, year = t.metric_id, t.year
      t.direction, t.status = id and direction[id] or "higher", "no data"
      if id then
        if not seen_id[id] then seen_id[id] = true; ids[#ids + 1] = id end
      elseif not seen_phrase[t.metric] then
        seen_phrase[t.metric] = true
        phrases[#phrases + 1] = t.metric
      end
      if year and not seen_year[year] then seen_year[year] = true; years[#years + 1] = year end
    end
    -- The first actual of each year, unit and metric id (or phrase), as
    -- tables by year, then unit: a key made as a string for each of
    -- thousands of targets took longer than the queries.
    local by_id, by_phrase = {}, {}
    local function first(t, year, unit, metric, a)
      local y = t[year]
      if not y then y = {}; t[year] = y end
      local u = y[unit]
      if not u then u = {}; y[unit] = u end
      if u[metric] == nil then u[metric] = a end
    end
    local params = { region }
    local years_in = in_list(years, params)
    local metrics_in = "(i.metric_id IN " .. in_list(ids, params) .. " OR i.metric IN " .. in_list(phrases, params) .. ")"
    if #params > 500 then -- past the number of values a statement may bind: every actual of those years
      params = { region }
      years_in, metrics_in = in_list(years, params), "1"
    end
    -- Best first: the latest document, a year-end one before a midyear
    -- one, then the order of the text.
    for _, a in ipairs(#targets == 0 and {} or sorted({ "doc_year DESC", "midyear", "start", "id", keep = 6 }, [[
        SELECT i.year, i.unit, i.metric_id, i.metric, i.value, d.name AS doc,
               d.year AS doc_year, (d.kind = 'midyear') AS midyear, i.start, i.id
        FROM documents d CROSS JOIN indicators i INDEXED BY indicators_doc ON i.doc_id = d.id
        WHERE d.region = ?1 AND i.kind = 'actual' AND i.year IN ]] .. years_in .. " AND " .. metrics_in,
        table.unpack(params, 1, #params))) do
      if a.metric_id then first(by_id, a.year, a.unit, a.metric_id, a) end
      first(by_phrase, a.year, a.unit, a.metric, a)
    end
    if next(by_phrase) then -- else no target has an actual: all stay "no data"
      for _, t in ipairs(targets) do
        local id, actual = t.metric_id, nil
        local y = t.year and (id and by_id or by_phrase)[t.year]
        local u = y and y[t.unit]
        if u then actual = u[id or t.metric] end
        if actual then
          t.actual, t.actual_doc = actual.value, actual.doc
          t.gap = actual.value - t.target
          t.status = meets(actual.value, t.target, t.cmp, t.direction) and "met" or "not met"
        end
      end
    end
    local out = Rows.new(targets, { "year", "metric", "target", "actual", "unit", "status", "gap", "plan_doc", "actual_doc" })
    out.figures = { target = { unit = "unit", cmp = "cmp", hi = "target_hi" }, actual = { unit = "unit" },
                    gap = { unit = "unit" } }
    return Rows.capped(out, "edu.plan_vs_actual", opts, limit, function()
      return edu.sql("SELECT count(*) AS n " .. from, region, opts.year)[1].n
    end)
  end

  ---------------------------------------------------------------------------
  --- edu.claims{scope=, region=, year=, limit=} -> rank claims (位列全省第二 ...)
  function edu.claims(opts)
    opts = opts or {}
    local region = edu.region(opts.region, 2)
    local limit = limit_of(opts, "edu.claims")
    local where, params = { "i.kind = 'rank'" }, {}
    local function filter(clause, value)
      if value ~= nil then
        params[#params + 1] = value
        where[#where + 1] = clause .. #params
      end
    end
    filter("i.scope = ?", opts.scope)
    filter("d.region = ?", region)
    filter("i.year = ?", opts.year)
    -- The documents in the order of their regions, each one's claims from
    -- the index of claims (which holds every column read). All of them are
    -- put in order by core.sorted: SQLite's sort of thousands of claims
    -- carried all their columns through it and took longer than the
    -- query. The first few of a limit SQLite sorts region by region, as
    -- the documents come, and stops.
    local from = [[
      FROM documents d INDEXED BY documents_region_name
        CROSS JOIN indicators i INDEXED BY indicators_claims ON i.doc_id = d.id
      WHERE ]] .. table.concat(where, " AND ")
    local columns = [[SELECT d.region, i.year, i.metric, i.value AS rank, i.cmp, i.unit, i.kind, i.scope, i.number,
             d.name AS doc, i.id AS indicator]]
    local n = #params
    if not limit then
      return sorted({ "region", "year", "rank", "doc", "start", "indicator", keep = 11 }, columns .. ", i.start " .. from,
        table.unpack(params, 1, n))
    end
    params[n + 1] = limit
    local rows = edu.sql(columns .. from .. " ORDER BY d.region, i.year, i.value, d.name, i.start, i.id LIMIT ?"
      .. (n + 1), table.unpack(params, 1, n + 1))
    -- Counted from the index of claims alone when no region asks for the
    -- documents (every claim has its document): a quarter of the time.
    local counted = region and from or "FROM indicators i INDEXED BY indicators_claims WHERE " .. table.concat(where, " AND ")
    return Rows.capped(rows, "edu.claims", opts, limit, function()
      return edu.sql("SELECT count(*) AS n " .. counted, table.unpack(params, 1, n))[1].n
    end)
  end

  -- Where in its source file a figure stands, as one reading the file finds
  -- it: the page of a PDF, the sheet and cell of a workbook (C3), the table,
  -- row and column of a document's table, counted from 1.
  local function column_letters(col)
    local s = ""
    repeat
      s = string.char(65 + col % 26) .. s
      col = col // 26 - 1
    until col < 0
    return s
  end

  local function where_in_source(r)
    local parts = {}
    if r.page then parts[#parts + 1] = "page " .. math.tointeger(r.page) end
    if r.cell_row and r.cell_col then
      local row, col = math.tointeger(r.cell_row), math.tointeger(r.cell_col)
      if r.sheet then
        parts[#parts + 1] = string.format("sheet %s, cell %s%d (row %d, column %d)", r.sheet,
          column_letters(col), row + 1, row + 1, col + 1)
      else
        parts[#parts + 1] = string.format("table %d, row %d, column %d",
          (math.tointeger(r.table_seq) or 0) + 1, row + 1, col + 1)
      end
    end
    return #parts > 0 and (", " .. table.concat(parts, ", ")) or ""
  end

  ---------------------------------------------------------------------------
  --- edu.explain(indicator or id) -> the sentence with the quantity marked, and its document
  function edu.explain(ind)
    local id = type(ind) == "table" and (ind.indicator or ind.id) or ind
    local r = edu.sql([[
      SELECT r.id, r.doc_id, r.start, r.end, r.number, r.metric, r.metric_id, r.value, r.value_hi,
             r.unit, r.kind, r.cmp, r.scope, r.year, s.start AS s_start, r.sentence, r.doc, r.region,
             r.doc_year, r.doc_kind, r.doc_title AS title, r.table_seq, r.cell_row, r.cell_col, r.sheet, r.page
      FROM indicator_rows r LEFT JOIN sentence_spans s ON s.id = r.sentence_id
      WHERE r.id = ?1]], math.tointeger(id) or id)[1]
    if not r then error("edu.explain: no indicator " .. tostring(id), 2) end
    local d = edu.sql("SELECT path, issued, issuer FROM document_rows WHERE id = ?1", r.doc_id)[1]
    r.path, r.issued, r.issuer = d.path, d.issued, d.issuer
    local marked = r.number
    if r.sentence then
      local a, b = r.start - r.s_start, r["end"] - r.s_start
      marked = r.sentence:sub(1, a) .. "【" .. r.sentence:sub(a + 1, b) .. "】" .. r.sentence:sub(b + 1)
    end
    local lines = {
      string.format("indicator %d: %s = %s %s (%s%s%s, year %s)", r.id, r.metric, Rows.cell(r.value),
        r.unit, r.kind, r.cmp ~= "=" and (", " .. r.cmp) or "", r.scope and (", " .. r.scope) or "",
        tostring(r.year)),
      "  " .. marked,
      string.format("  from %s (%s %s %s)%s, bytes %d-%d%s", r.doc, r.region or "?", tostring(r.doc_year),
        r.doc_kind or "?", where_in_source(r), r.start, r["end"], r.metric_id and ("; metric " .. r.metric_id) or ""),
    }
    return setmetatable({ text = table.concat(lines, "\n"), row = r },
      { __tostring = function(e) return e.text end })
  end

  ---------------------------------------------------------------------------
  --- edu.runs([limit]) -> recorded report runs, newest first
  function edu.runs(limit)
    return edu.sql([[SELECT id, template, args, started_at, ended_at, status, output, error
      FROM runs ORDER BY id DESC LIMIT ?1]], math.tointeger(tonumber(limit)) or 50)
  end
end
