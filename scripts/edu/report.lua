-- Reports: edu.report(name, {region=, year=, format=}) finds the template
-- NAME.FORMAT.tpl, compiles it once and renders it with the options and
-- the helpers below as its names. Templates live in scripts/templates/ and
-- in any directory added to edu.report_path.
local Template = require("edu.template")
local chart = require("edu.chart")
-- Captured when the library loads: the sandbox has no os.
local date = os.date

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

  local function load_template(name, format_name)
    local path, text = find_template(name, format_name)
    if not text then
      error(string.format("edu.report: no template '%s' for format %s (looked in %s)", name, format_name,
        table.concat(edu.report_path, ", ")), 0)
    end
    local t = compiled[path]
    if not t then
      t = Template.compile(text, path:match("[^/]*$"), { escape = format_name == "html" and "html" or nil })
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
                rows = Rows.new({}, { "metric", "value", "value_hi", "unit", "cmp", "doc" }) }
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
          WHERE (doc_id >> 10) IN (SELECT bucket FROM document_buckets)
            AND +region = ?1 AND metric_id = ?2 AND (?3 IS NULL OR year = ?3)
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
  -- markup for the format. Figures go through edu.format; codes, column
  -- titles and documents are shown in Chinese. Links to sources are
  -- collected as cited.

  local format = edu.format

  -- Column titles of the tables reports show.
  local TITLES = {
    name = "文档", label = "文档", title = "标题", year = "年份", kind = "类型", indicators = "指标数",
    issued = "日期", region = "地区", level = "层级", metric = "指标", value = "数值", unit = "单位",
    cmp = "比较", doc = "来源", plan_doc = "计划文档", actual_doc = "实际来源", target = "目标", actual = "实际",
    status = "完成情况", gap = "差距", rank = "名次", scope = "范围", number = "原文", category = "类别",
    documents = "文档数", change = "变化", id = "编号",
  }
  -- Columns whose codes read as words whatever the table.
  local CODE_COLUMNS = { status = format.STATUS, level = format.LEVEL, cmp = format.CMP }
  local CODE_TABLES = { kind = format.KIND, doc_kind = format.DOC_KIND, status = format.STATUS,
                        level = format.LEVEL, cmp = format.CMP }
  local DOC_COLUMNS = { doc = true, plan_doc = true, actual_doc = true }

  -- A document as readers know it: its title, else region, year and kind
  -- (无锡市2020年上半年总结); nil for no document.
  local labels = {}
  local function doc_label(name)
    if name == nil then return nil end
    local cached = labels[name]
    if cached then return cached end
    local d = edu.sql("SELECT title, region, year, kind FROM documents WHERE name = ?1", name)[1]
    local text = name
    if d then
      text = d.title or string.format("%s%s%s", d.region or "", d.year and (d.year .. "年") or "",
        format.code(format.DOC_KIND, d.kind) ~= "" and format.code(format.DOC_KIND, d.kind) or "文档")
    end
    labels[name] = text
    return text
  end

  -- The documents of a region as a table for reports: label, kind in
  -- Chinese, year, date issued, indicators.
  local function documents(region)
    local out = Rows.new({}, { "label", "kind", "year", "issued", "indicators" })
    for _, d in ipairs(edu.docs{ region = region }) do
      local issued = edu.sql("SELECT issued FROM documents WHERE id = ?1", d.id)[1].issued
      out[#out + 1] = { label = doc_label(d.name), kind = d.kind, year = d.year, issued = format.date(issued),
                        indicators = d.indicators }
    end
    return out
  end

  -- The local time of rendering, as written in Chinese.
  local function now_text()
    local t = date("*t")
    return string.format("%d年%d月%d日 %02d:%02d", t.year, t.month, t.day, t.hour, t.min)
  end

  local function markdown_cell(s) return (tostring(s):gsub("|", "\\|"):gsub("\n", " ")) end

  local function new_context(opts, format_name)
    local html = format_name == "html"
    local esc = html and Template.html_escape or function(s) return s end
    local cited, cited_order = {}, {}
    local ctx = {
      edu = edu, chart = chart, format = format_name, html = html, md = not html, args = opts,
      region = opts.region, regions = opts.regions, year = opts.year,
      generated = now_text(),
      latest_year = latest_year, key_indicators = key_indicators, series_list = series_list,
      side_by_side = side_by_side, counts_by_kind = counts_by_kind, split_ranking = split_ranking,
      region_overview = region_overview, cell_values = cell_values,
      doc_label = doc_label, documents = documents, figures = format,
    }

    --- fmt(value [, unit [, {hi=, cmp=, kind=}]]) -> the figure as written: 3723.35亿元, 1–2所
    function ctx.fmt(v, unit, o) return format.figure(v, unit, o) end

    --- figure(row) -> the figure of a row with value, value_hi, unit, cmp, kind
    function ctx.figure(row) return format.of(row) end

    --- word(code_table_name, code) -> the code in Chinese: word("kind", "target") = 目标
    function ctx.word(tbl, code) return format.code(CODE_TABLES[tbl] or tbl, code) end

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
        local facts = { r.region, format.code(format.DOC_KIND, r.doc_kind), format.date(r.issued) or (r.doc_year and (r.doc_year .. "年")) }
        local kept = {}
        for _, f in ipairs(facts) do if f and f ~= "" then kept[#kept + 1] = f end end
        local where = string.format("《%s》（%s）", doc_label(r.doc), table.concat(kept, "，"))
        if html then
          items[#items + 1] = string.format('<li id="ind-%s">%s<mark>%s</mark>%s <span class="es-doc">— %s</span></li>',
            id, esc(before), esc(figure), esc(after), esc(where))
        else
          items[#items + 1] = string.format('%d. <a id="ind-%s"></a>%s**%s**%s — %s', #items + 1, id,
            before, figure, after, where)
        end
      end
      if #items == 0 then return html and "<p>本报告没有引用数值。</p>" or "本报告没有引用数值。" end
      if html then return '<ol class="es-sources">\n' .. table.concat(items, "\n") .. "\n</ol>" end
      return table.concat(items, "\n")
    end

    --- tabulate(rows, columns) -> a table; a column is a key or {key, title=, unit=UNIT_KEY,
    -- hi=UPPER_BOUND_KEY, cmp=CMP_KEY, kind=KIND_KEY, cite=ID_KEY, code=CODE_TABLE}
    -- Figures (a column with unit=, hi= or cmp=) read as written; codes and
    -- document names in Chinese; titles in Chinese unless given.
    function ctx.tabulate(rows, columns)
      columns = columns or rows.columns
      local spec = {}
      for i, c in ipairs(columns) do
        spec[i] = type(c) == "table" and c or { c }
        spec[i].title = spec[i].title or TITLES[spec[i][1]] or spec[i][1]
      end
      local function text_of(row, c)
        local v = row[c[1]]
        if v == nil then return "–" end
        if type(v) == "number" and (c.unit or c.hi or c.cmp) then
          return format.figure(v, c.unit and row[c.unit], { hi = c.hi and row[c.hi], cmp = c.cmp and row[c.cmp],
                                                           kind = c.kind and row[c.kind] })
        end
        local codes = c.code and (CODE_TABLES[c.code] or c.code) or CODE_COLUMNS[c[1]]
        if codes then return format.code(codes, v) end
        if DOC_COLUMNS[c[1]] then return doc_label(v) end
        return Template.to_text(v)
      end
      local function cell(row, c)
        local text = text_of(row, c)
        if c.cite and row[c.cite] and row[c[1]] ~= nil then return ctx.cite(row[c.cite], text) end
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
            local class = num and "num" or (c[1] == "status" and row.status and row.status:gsub(" ", "-")) or nil
            tds[i] = (class and ('<td class="' .. class .. '">') or "<td>") .. cell(row, c) .. "</td>"
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

    local function nothing_to_draw()
      return html and '<p class="es-empty">没有可画的数值。</p>' or "没有可画的数值。"
    end

    --- bars(rows [, opts]) -> a bar chart: SVG in HTML, text bars in Markdown; a line when nothing has a value
    function ctx.bars(rows, o)
      local drawn = html and chart.bars(rows, o) or (not html and chart.text_bars(rows, o))
      if not drawn then return nothing_to_draw() end
      if html then return drawn end
      return "```text\n" .. drawn .. "\n```"
    end

    --- lines(series [, opts]) -> a line chart: SVG in HTML, "2020: 86% → 2021: 92.81%" in Markdown
    -- Missing years break the line (… in Markdown); half-year figures are marked 上半年.
    function ctx.lines(series, o)
      if html then return chart.lines(series, o) or nothing_to_draw() end
      return ctx.series_text(series)
    end

    --- series_text(series) -> "2020（上半年）: 86% → 2021: 92.81% … 2023: 93.66%", each figure cited
    function ctx.series_text(series)
      local parts, prev = {}, nil
      for _, p in ipairs(series) do
        if p.value ~= nil then
          local sep = prev and (p.year - prev > 1 and " … " or " → ") or ""
          parts[#parts + 1] = sep .. Template.to_text(p.year) .. (chart.half_year(p) and "（上半年）" or "") .. ": "
            .. ctx.cite(p.indicator, format.figure(p.value, p.unit, { hi = p.value_hi }))
          prev = p.year
        end
      end
      if #parts == 0 then return nothing_to_draw() end
      return table.concat(parts)
    end

    --- include(name) -> another template of the same format, rendered with this context
    function ctx.include(name)
      return load_template(name, format_name):render(ctx)
    end
    return ctx
  end

  ---------------------------------------------------------------------------
  --- edu.report(name, {region=, regions=, year=, format="md"|"html", ...}) -> text
  -- Any other field is passed to the template as args.FIELD.
  function edu.report(name, opts)
    assert(type(name) == "string" and name ~= "", "edu.report: template name expected")
    opts = opts or {}
    local format_name = opts.format or "md"
    if not FORMATS[format_name] then
      error("edu.report: format must be md or html, not '" .. tostring(format_name) .. "'", 2)
    end
    if opts.regions == nil and opts.region then opts.regions = { opts.region } end
    if opts.regions then
      local resolved = {}
      for i, r in ipairs(opts.regions) do resolved[i] = edu.region(r, 2) end
      opts.regions = resolved
      opts.region = resolved[1]
    end
    opts.year = opts.year and (math.tointeger(tonumber(opts.year)) or error("edu.report: year must be an integer", 2))
    return load_template(name, format_name):render(new_context(opts, format_name))
  end

  --- edu.render(source, context [, format]) -> text of a template given as a string
  function edu.render(source, context, format_name)
    local t = Template.compile(source, "string", { escape = format_name == "html" and "html" or nil })
    local ctx = new_context(context or {}, format_name or "md")
    for k, v in pairs(context or {}) do ctx[k] = v end
    return t:render(ctx)
  end

  edu.template, edu.chart = Template, chart
end
