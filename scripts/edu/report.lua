-- Reports: edu.report(name, {region=, year=, format=}) finds the template
-- NAME.FORMAT.tpl, compiles it once and renders it with the options and
-- the helpers below as its names. Templates live in scripts/templates/ and
-- in any directory added to edu.report_path.
local Template = require("edu.template")
local chart = require("edu.chart")

return function(edu)
  local Rows = edu.Rows
  local here = debug.getinfo(1, "S").source:match("^@(.*)/edu/report%.lua$") or "."

  --- edu.report_path: directories searched for templates, first match wins
  edu.report_path = { here .. "/templates" }

  local FORMATS = { md = true, html = true }
  local compiled = {}   -- path -> template, so each file compiles once

  local function read_file(path)
    local f = io.open(path, "r")
    if not f then return nil end
    local text = f:read("a")
    f:close()
    return text
  end

  -- A name with a slash or ending in .tpl is a file; otherwise it is looked
  -- up as NAME.FORMAT.tpl along edu.report_path.
  local function find_template(name, format)
    if name:find("/", 1, true) or name:match("%.tpl$") then
      return name, read_file(name)
    end
    for _, dir in ipairs(edu.report_path) do
      local path = dir .. "/" .. name .. "." .. format .. ".tpl"
      local text = read_file(path)
      if text then return path, text end
    end
    return nil
  end

  local function load_template(name, format)
    local path, text = find_template(name, format)
    if not text then
      error(string.format("edu.report: no template '%s' for format %s (looked in %s)", name, format,
        table.concat(edu.report_path, ", ")), 0)
    end
    local t = compiled[path]
    if not t then
      t = Template.compile(text, path:match("[^/]*$"), { escape = format == "html" and "html" or nil })
      compiled[path] = t
    end
    return t
  end

  ---------------------------------------------------------------------------
  -- Data helpers: what the bundled templates need beyond the edu functions.

  local function latest_year(region)
    local r = edu.sql([[SELECT max(year) AS y FROM indicator_rows
      WHERE region = ?1 AND kind = 'actual' AND metric_id IS NOT NULL]], region)[1]
    return r and r.y
  end

  -- The canonical figures of a region for a year, one per metric (the
  -- latest document wins), grouped by the metric's category.
  local function key_indicators(region, year, kind)
    local rows = edu.sql([[
      SELECT m.category, m.name AS metric, r.value, r.value_hi, r.unit, r.cmp, r.year, r.number,
             r.doc, r.id AS indicator, r.metric_id
      FROM indicator_rows r JOIN metrics m ON m.id = r.metric_id
      WHERE r.region = ?1 AND r.year = ?2 AND r.kind = ?3
      ORDER BY m.category, r.metric_id, r.doc_year DESC, (r.doc_kind = 'midyear'), r.start]], region, year, kind or "actual")
    local groups, seen = {}, {}
    for _, r in ipairs(rows) do
      if not seen[r.metric_id] then
        seen[r.metric_id] = true
        local g = groups[#groups]
        if not g or g.category ~= r.category then
          g = { category = r.category ~= "" and r.category or "其他",
                rows = Rows.new({}, { "metric", "value", "unit", "doc" }) }
          groups[#groups + 1] = g
        end
        g.rows[#g.rows + 1] = r
      end
    end
    return groups
  end

  -- Every canonical metric of a region with actual figures for at least
  -- min_points years, as edu.series results named after the metric.
  local function series_list(region, min_points)
    local out = {}
    for _, m in ipairs(edu.sql([[
        SELECT r.metric_id AS id, m.name FROM indicator_rows r JOIN metrics m ON m.id = r.metric_id
        WHERE r.region = ?1 AND r.kind = 'actual' AND r.year IS NOT NULL
        GROUP BY r.metric_id HAVING count(DISTINCT r.year) >= ?2 ORDER BY m.category, r.metric_id]],
        region, min_points or 2)) do
      local s = edu.series{ region = region, metric = m.id }
      s.name = m.name
      out[#out + 1] = s
    end
    return out
  end

  -- Region by metric, each cell the figure edu.compare would pick (an
  -- actual before a target, the latest year), keeping its indicator so
  -- the report can link it. Only metrics some region has a figure for.
  local function side_by_side(regions, year)
    local out = {}
    for _, m in ipairs(edu.sql("SELECT id, name, unit, category FROM metrics ORDER BY category, id")) do
      local row, any = { metric = m.name, unit = m.unit, category = m.category, id = m.id, cells = {} }, false
      for _, region in ipairs(regions) do
        local v = edu.sql([[
          SELECT value, value_hi, kind, year, id AS indicator, unit FROM indicator_rows
          WHERE region = ?1 AND metric_id = ?2 AND (?3 IS NULL OR year = ?3)
            AND kind IN ('actual', 'target')
          ORDER BY (kind = 'target'), year DESC, doc_year DESC, (doc_kind = 'midyear'), start LIMIT 1]],
          region, m.id, year)[1]
        row.cells[region] = v
        any = any or v ~= nil
      end
      if any then out[#out + 1] = row end
    end
    return out
  end

  -- The rows of a ranking that have a value, and the regions that have none.
  local function split_ranking(r)
    local ranked, missing = Rows.new({}, r.columns), {}
    for _, row in ipairs(r) do
      if row.value ~= nil then ranked[#ranked + 1] = row else missing[#missing + 1] = row.region end
    end
    return ranked, missing
  end

  -- The cells of a side_by_side row as rows (region, value, unit, kind),
  -- for charting; only regions with a figure.
  local function cell_values(row, regions)
    local out = Rows.new({}, { "region", "value", "unit", "kind" })
    for _, region in ipairs(regions) do
      local c = row.cells[region]
      if c then out[#out + 1] = { region = region, value = c.value, unit = c.unit, kind = c.kind } end
    end
    return out
  end

  -- One row per region: documents, and figures by kind.
  local function region_overview(regions, year)
    local out = Rows.new({}, { "region", "documents", "actual", "target", "change", "rank" })
    for _, region in ipairs(regions) do
      local row = { region = region, documents = #edu.docs{ region = region },
                    actual = 0, target = 0, change = 0, rank = 0 }
      for _, c in ipairs(edu.sql([[SELECT kind, count(*) AS n FROM indicator_rows
          WHERE region = ?1 AND (?2 IS NULL OR year = ?2) GROUP BY kind]], region, year)) do
        row[c.kind] = c.n
      end
      out[#out + 1] = row
    end
    return out
  end

  local function counts_by_kind(region, year)
    return edu.sql([[SELECT kind, count(*) AS n FROM indicator_rows
      WHERE region = ?1 AND (?2 IS NULL OR year = ?2) GROUP BY kind ORDER BY kind]], region, year)
  end

  ---------------------------------------------------------------------------
  -- The context of one rendering: options, edu, and helpers that produce
  -- markup for the format. Links to sources are collected as cited.

  local function markdown_cell(s) return (tostring(s):gsub("|", "\\|"):gsub("\n", " ")) end

  local function new_context(opts, format)
    local html = format == "html"
    local esc = html and Template.html_escape or function(s) return s end
    local cited, cited_order = {}, {}
    local ctx = {
      edu = edu, chart = chart, format = format, html = html, md = not html, args = opts,
      region = opts.region, regions = opts.regions, year = opts.year,
      generated = os.date("!%Y-%m-%d %H:%M UTC"),
      latest_year = latest_year, key_indicators = key_indicators, series_list = series_list,
      side_by_side = side_by_side, counts_by_kind = counts_by_kind, split_ranking = split_ranking,
      region_overview = region_overview, cell_values = cell_values,
    }

    --- fmt(value [, unit]) -> the number as text, with its unit
    function ctx.fmt(v, unit)
      if v == nil then return "–" end
      return Template.to_text(v) .. (unit and unit ~= "" and unit or "")
    end

    --- esc(text) -> text escaped for the output format
    function ctx.esc(s) return esc(Template.to_text(s)) end

    --- cite(indicator_id, text) -> text linked to the source sentence, listed by sources()
    function ctx.cite(id, text)
      text = esc(Template.to_text(text))
      if id == nil then return text end
      id = math.tointeger(id) or id
      if not cited[id] then cited[id] = true; cited_order[#cited_order + 1] = id end
      if html then return string.format('<a class="es-cite" href="#ind-%s">%s</a>', id, text) end
      return string.format("[%s](#ind-%s)", text, id)
    end

    --- sources() -> every cited figure with its sentence (the figure marked) and document
    function ctx.sources()
      local items = {}
      for _, id in ipairs(cited_order) do
        local r = edu.explain(id).row
        local sentence = r.sentence or r.number
        local a, b = r.start - (r.s_start or r.start), r["end"] - (r.s_start or r.start)
        local before, figure, after = sentence:sub(1, a), sentence:sub(a + 1, b), sentence:sub(b + 1)
        local where = string.format("%s（%s %s %s）", r.doc, r.region or "?", Template.to_text(r.doc_year), r.doc_kind or "?")
        if html then
          items[#items + 1] = string.format('<li id="ind-%s">%s<mark>%s</mark>%s <span class="es-doc">— %s</span></li>',
            id, esc(before), esc(figure), esc(after), esc(where))
        else
          items[#items + 1] = string.format('%d. <a id="ind-%s"></a>%s**%s**%s — %s', #items + 1, id,
            before, figure, after, where)
        end
      end
      if html then return '<ol class="es-sources">\n' .. table.concat(items, "\n") .. "\n</ol>" end
      return table.concat(items, "\n")
    end

    --- tabulate(rows, columns) -> a table; a column is a key or {key, title=, cite=ID_KEY, unit=UNIT_KEY, hi=UPPER_BOUND_KEY}
    function ctx.tabulate(rows, columns)
      columns = columns or rows.columns
      local spec = {}
      for i, c in ipairs(columns) do
        spec[i] = type(c) == "table" and c or { c }
        spec[i].title = spec[i].title or spec[i][1]
      end
      local function cell(row, c)
        local v = row[c[1]]
        local text = Template.to_text(v)
        if c.hi and v ~= nil and row[c.hi] ~= nil then text = text .. "–" .. Template.to_text(row[c.hi]) end
        if c.unit and v ~= nil then text = text .. Template.to_text(row[c.unit]) end
        if c.cite and row[c.cite] and v ~= nil then return ctx.cite(row[c.cite], text) end
        return html and esc(text) or markdown_cell(text)
      end
      local lines = {}
      if html then
        local head = {}
        for i, c in ipairs(spec) do head[i] = "<th>" .. esc(c.title) .. "</th>" end
        lines[1] = "<table>\n<thead><tr>" .. table.concat(head) .. "</tr></thead>\n<tbody>"
        for _, row in ipairs(rows) do
          local tds = {}
          for i, c in ipairs(spec) do
            local num = type(row[c[1]]) == "number"
            tds[i] = (num and '<td class="num">' or "<td>") .. cell(row, c) .. "</td>"
          end
          lines[#lines + 1] = "<tr>" .. table.concat(tds) .. "</tr>"
        end
        lines[#lines + 1] = "</tbody>\n</table>"
      else
        local head, rule = {}, {}
        for i, c in ipairs(spec) do head[i], rule[i] = markdown_cell(c.title), "---" end
        lines[1] = "| " .. table.concat(head, " | ") .. " |"
        lines[2] = "| " .. table.concat(rule, " | ") .. " |"
        for _, row in ipairs(rows) do
          local tds = {}
          for i, c in ipairs(spec) do tds[i] = cell(row, c) end
          lines[#lines + 1] = "| " .. table.concat(tds, " | ") .. " |"
        end
      end
      return table.concat(lines, "\n")
    end

    --- bars(rows [, opts]) -> a bar chart: SVG in HTML, text bars in Markdown
    function ctx.bars(rows, o)
      if html then return chart.bars(rows, o) end
      return "```text\n" .. chart.text_bars(rows, o) .. "\n```"
    end

    --- lines(series [, opts]) -> a line chart: SVG in HTML, "year: value → ..." in Markdown
    function ctx.lines(series, o)
      if html then return chart.lines(series, o) end
      local parts = {}
      for _, p in ipairs(series) do parts[#parts + 1] = Template.to_text(p.year) .. ": " .. ctx.fmt(p.value, p.unit) end
      return table.concat(parts, " → ")
    end

    --- include(name) -> another template of the same format, rendered with this context
    function ctx.include(name)
      return load_template(name, format):render(ctx)
    end
    return ctx
  end

  ---------------------------------------------------------------------------
  --- edu.report(name, {region=, regions=, year=, format="md"|"html", ...}) -> text
  -- Any other field is passed to the template as args.FIELD.
  function edu.report(name, opts)
    assert(type(name) == "string" and name ~= "", "edu.report: template name expected")
    opts = opts or {}
    local format = opts.format or "md"
    if not FORMATS[format] then error("edu.report: format must be md or html, not '" .. tostring(format) .. "'", 2) end
    if opts.regions == nil and opts.region then opts.regions = { opts.region } end
    if opts.region == nil and opts.regions then opts.region = opts.regions[1] end
    opts.year = opts.year and (math.tointeger(tonumber(opts.year)) or error("edu.report: year must be an integer", 2))
    return load_template(name, format):render(new_context(opts, format))
  end

  --- edu.render(source, context [, format]) -> text of a template given as a string
  function edu.render(source, context, format)
    local t = Template.compile(source, "string", { escape = format == "html" and "html" or nil })
    local ctx = new_context(context or {}, format or "md")
    for k, v in pairs(context or {}) do ctx[k] = v end
    return t:render(ctx)
  end

  edu.template, edu.chart = Template, chart
end
