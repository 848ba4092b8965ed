-- How results print, after sqlite3's shell: a mode (column, table, box,
-- markdown, line for reading; list, tabs, csv, json, jsonl for machines),
-- headers on or off, a separator, column widths. The REPL's dot-commands
-- (.mode, .headers, .separator, .width) and the options -csv, -json ...
-- set it; print(rows) and the REPL use it, in scripts and -e too.
--
-- Modes for reading show figures as Chinese readers write them (3723.35亿)
-- and, on a terminal, cut wide cells to fit it (by display width, with …);
-- modes for machines keep every value as stored.
local core = require("edu.core")
local Rows = require("edu.rows")

local display = {
  mode = "column",
  headers = true,
  separator = "|",        -- list mode
  widths = {},            -- .width: per column, 0 = fit, negative = right-aligned
  max_width = nil,        -- the terminal's columns when output goes to one
}

local READING = { column = true, table = true, box = true, markdown = true, line = true }
display.MODES = { "column", "table", "box", "markdown", "line", "list", "tabs", "csv", "json", "jsonl" }

--- display.set{mode=, headers=, separator=, widths=, max_width=}
function display.set(settings)
  for k, v in pairs(settings) do
    if k == "mode" then
      local known = false
      for _, m in ipairs(display.MODES) do known = known or m == v end
      if not known then
        error("unknown mode '" .. tostring(v) .. "' (" .. table.concat(display.MODES, ", ") .. ")", 2)
      end
    elseif display[k] == nil and k ~= "max_width" then
      error("unknown display setting '" .. tostring(k) .. "'", 2)
    end
    display[k] = v
  end
end

--- display.reading() -> whether the mode is for reading (figures formatted)
function display.reading() return READING[display.mode] == true end

---------------------------------------------------------------------------
-- Cells

local function flat(s) return (s:gsub("[\r\n\t]", " ")) end

-- The text of every cell: figures formatted when reading, raw otherwise.
local function cell_texts(rows, reading)
  local cols, figures = rows.columns, reading and rows:figure_columns() or {}
  local texts, numeric = {}, {}
  for c, name in ipairs(cols) do numeric[c] = true end
  for i, row in ipairs(rows) do
    local t = {}
    for c, name in ipairs(cols) do
      local v = row[name]
      if v ~= nil and type(v) ~= "number" then numeric[c] = false end
      if figures[name] and type(v) == "number" then
        t[c] = Rows.figure_text(row, name, figures[name], true)
      elseif reading then
        t[c] = flat(Rows.cell(v))
      else
        t[c] = Rows.raw(v)
      end
    end
    texts[i] = t
  end
  return texts, numeric
end

-- Column widths: the widest cell (or .width), shrunk to fit max_width
-- (the widest columns give way first, down to a few columns each).
local function column_widths(cols, texts, numeric, frame)
  local widths, right = {}, {}
  for c, name in ipairs(cols) do
    local w = display.headers and Rows.width(name) or 0
    for _, t in ipairs(texts) do w = math.max(w, Rows.width(t[c])) end
    local set = display.widths[c]
    if set and set ~= 0 then w = math.abs(set) end
    widths[c], right[c] = math.max(w, 1), (set and set < 0) or (not set or set == 0) and numeric[c]
  end
  local limit = display.max_width
  if limit then
    local total = frame(#cols)
    for _, w in ipairs(widths) do total = total + w end
    -- The widest columns give way first: down to their header (or 6)
    -- while that is enough, then down to 4.
    local floors = {}
    for c, name in ipairs(cols) do floors[c] = math.min(widths[c], math.max(6, Rows.width(name))) end
    for _, floor_of in ipairs({ function(c) return floors[c] end, function() return 4 end }) do
      while total > limit do
        local widest
        for c = 1, #widths do
          if widths[c] > floor_of(c) and (not widest or widths[c] > widths[widest]) then widest = c end
        end
        if not widest then break end
        widths[widest] = widths[widest] - 1
        total = total - 1
      end
    end
  end
  return widths, right
end

local function fit(s, w, right)
  if Rows.width(s) > w then s = core.clip(s, w) end
  local fill = string.rep(" ", w - Rows.width(s))
  return right and (fill .. s) or (s .. fill)
end

---------------------------------------------------------------------------
-- Footers: the count, and what a capped result leaves out.

--- display.footer(rows) -> "(5 rows)" or "(200 of 1,234 rows; add limit= for more: ...)"
function display.footer(rows)
  local n = #rows
  if rows.total and rows.total > n then
    return string.format("(%s of %s rows; add limit= for more%s)", core.number(n), core.number(rows.total),
      rows.more and (": " .. rows.more) or "")
  end
  return string.format("(%s row%s)", core.number(n), n == 1 and "" or "s")
end

---------------------------------------------------------------------------
-- Modes for reading

local function render_column(rows, texts, numeric)
  local cols = rows.columns
  local widths, right = column_widths(cols, texts, numeric, function(n) return 2 * (n - 1) end)
  local lines = {}
  local function line(cells) lines[#lines + 1] = (table.concat(cells, "  "):gsub("%s+$", "")) end
  if display.headers then
    local head, rule = {}, {}
    for c, name in ipairs(cols) do head[c], rule[c] = fit(name, widths[c], right[c]), string.rep("-", widths[c]) end
    line(head)
    lines[#lines + 1] = table.concat(rule, "  ")
  end
  for _, t in ipairs(texts) do
    local out = {}
    for c in ipairs(cols) do out[c] = fit(t[c], widths[c], right[c]) end
    line(out)
  end
  lines[#lines + 1] = display.footer(rows)
  return table.concat(lines, "\n")
end

-- table (ASCII) and box (Unicode) frames
local FRAMES = {
  table = { h = "-", v = "|", top = { "+", "+", "+" }, mid = { "+", "+", "+" }, bottom = { "+", "+", "+" } },
  box = { h = "─", v = "│", top = { "┌", "┬", "┐" }, mid = { "├", "┼", "┤" }, bottom = { "└", "┴", "┘" } },
}

local function render_framed(rows, texts, numeric, f)
  local cols = rows.columns
  local widths, right = column_widths(cols, texts, numeric, function(n) return 3 * n + 1 end)
  local function rule(corners)
    local parts = {}
    for c in ipairs(cols) do parts[c] = string.rep(f.h, widths[c] + 2) end
    return corners[1] .. table.concat(parts, corners[2]) .. corners[3]
  end
  local function line(cells)
    local parts = {}
    for c in ipairs(cols) do parts[c] = " " .. fit(cells[c], widths[c], right[c]) .. " " end
    return f.v .. table.concat(parts, f.v) .. f.v
  end
  local lines = { rule(f.top) }
  if display.headers then
    lines[#lines + 1] = line(cols)
    lines[#lines + 1] = rule(f.mid)
  end
  for _, t in ipairs(texts) do lines[#lines + 1] = line(t) end
  lines[#lines + 1] = rule(f.bottom)
  lines[#lines + 1] = display.footer(rows)
  return table.concat(lines, "\n")
end

local function render_line(rows, texts)
  local w = 0
  for _, name in ipairs(rows.columns) do w = math.max(w, Rows.width(name)) end
  local blocks = {}
  for i, t in ipairs(texts) do
    local lines = {}
    for c, name in ipairs(rows.columns) do
      lines[c] = string.rep(" ", w - Rows.width(name)) .. name .. " = " .. t[c]
    end
    blocks[i] = table.concat(lines, "\n")
  end
  return table.concat(blocks, "\n\n")
end

---------------------------------------------------------------------------
-- Modes for machines

local function render_separated(rows, texts, sep)
  local lines = {}
  if display.headers then lines[1] = table.concat(rows.columns, sep) end
  for _, t in ipairs(texts) do lines[#lines + 1] = table.concat(t, sep) end
  return table.concat(lines, "\n")
end

local function render_csv(rows)
  local lines = {}
  local function value(v) return type(v) == "number" and Rows.raw(v) or v == nil and "" or core.csv_text(tostring(v)) end
  if display.headers then
    local head = {}
    for c, name in ipairs(rows.columns) do head[c] = core.csv_text(name) end
    lines[1] = table.concat(head, ",")
  end
  for _, row in ipairs(rows) do
    local out = {}
    for c, name in ipairs(rows.columns) do out[c] = value(row[name]) end
    lines[#lines + 1] = table.concat(out, ",")
  end
  return table.concat(lines, "\r\n")
end

local function render_jsonl(rows)
  local lines = {}
  for i, row in ipairs(rows) do lines[i] = rows:json_object(row) end
  return table.concat(lines, "\n")
end

---------------------------------------------------------------------------

--- display.render(rows) -> text, note
-- The text has no final newline. note says what a capped result left
-- out, for modes whose text cannot say it (csv, json ...); nil otherwise.
function display.render(rows)
  local mode = display.mode
  if #rows.columns == 0 then return "(no columns)" end
  local note = rows.total and rows.total > #rows and display.footer(rows) or nil
  if mode == "csv" then return render_csv(rows), note end
  if mode == "json" then return rows:to_json(), note end
  if mode == "jsonl" then return render_jsonl(rows), note end
  local reading = READING[mode]
  local texts, numeric = cell_texts(rows, reading)
  if mode == "column" then return render_column(rows, texts, numeric) end
  if mode == "table" or mode == "box" then return render_framed(rows, texts, numeric, FRAMES[mode]) end
  if mode == "markdown" then return (rows:to_markdown():gsub("\n$", "")), note end
  if mode == "line" then return render_line(rows, texts), note end
  if mode == "tabs" then return render_separated(rows, texts, "\t"), note end
  return render_separated(rows, texts, display.separator), note
end

return display
