-- Rows: the result of a query, a list of row tables with an ordered list of
-- columns. Prints in the shell's display mode (edu/display.lua: an aligned
-- table by default) and converts to CSV, JSON, Markdown and XLSX.
--
-- Some columns hold figures: `value` beside a `unit` column (with
-- `value_hi`, `cmp` and `kind` when present), or any column named in
-- rows.figures. Tables for reading show them as Chinese readers write them
-- (3723.35亿); conversions keep the stored value and, for spreadsheets,
-- add a display column beside it.
local core = require("edu.core")

local Rows = {}
Rows.__index = Rows

-- Terminal columns of a string (CJK characters count double).
Rows.width = core.width
local function width(s) return Rows.width(s) end

function Rows.new(rows, columns)
  rows.columns = columns or {}
  return setmetatable(rows, Rows)
end

-- How a call is written, for the note on a result cut by its limit.
local function call_text(name, filters, limit)
  local keys, parts = {}, {}
  for k in pairs(filters) do if k ~= "limit" then keys[#keys + 1] = k end end
  table.sort(keys)
  for _, k in ipairs(keys) do parts[#parts + 1] = string.format("%s = %q", k, filters[k]) end
  parts[#parts + 1] = "limit = " .. limit
  return name .. "{" .. table.concat(parts, ", ") .. "}"
end

--- Rows.capped(rows, name, filters, limit, count) -> rows
-- A result the limit may have cut (limit nil: none): when it holds
-- `limit` rows, count() gives the number of all (rows.total), and
-- rows.more says how to ask for them all, as `name{filters}` is written.
function Rows.capped(rows, name, filters, limit, count)
  if limit ~= nil and #rows >= limit then rows.total = count() end
  if rows.total and rows.total > #rows then rows.more = call_text(name, filters, rows.total) end
  return rows
end

-- A value as text: nothing for nil, integral floats without ".0", other
-- numbers to `digits` significant digits (6 unless given).
local function cell(v, digits)
  if v == nil then return "" end
  if math.type(v) == "float" then
    if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
    return string.format("%." .. (digits or 6) .. "g", v)
  end
  return tostring(v)
end
Rows.cell = cell

-- A value as text for machines: every digit kept (15 significant).
local function raw(v)
  if v == nil then return "" end
  if math.type(v) == "float" then
    if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
    return string.format("%.15g", v)
  end
  return tostring(v)
end
Rows.raw = raw

---------------------------------------------------------------------------
-- Figures

local function has(columns, name)
  for _, c in ipairs(columns) do if c == name then return true end end
  return false
end

--- rows:figure_columns() -> {column = {unit=, hi=, cmp=, kind=}}: the columns holding figures
-- rows.figures names them; otherwise `value` (and `value_hi`) beside `unit`.
function Rows:figure_columns()
  if self.figures then return self.figures end
  local cols, out = self.columns, {}
  if has(cols, "value") and has(cols, "unit") then
    out.value = { unit = "unit", hi = has(cols, "value_hi") and "value_hi" or nil,
                  cmp = has(cols, "cmp") and "cmp" or nil, kind = has(cols, "kind") and "kind" or nil }
    if has(cols, "value_hi") then out.value_hi = { unit = "unit" } end
  end
  return out
end

--- Rows.figure_text(row, column, spec, bare) -> the figure of one cell as text
-- bare: number and magnitude only (3723.35亿), for a column beside its unit.
function Rows.figure_text(row, column, spec, bare)
  local v = row[column]
  if type(v) ~= "number" then return v == nil and "" or tostring(v) end
  local hi = not bare and spec.hi and row[spec.hi] or nil
  return core.figure(v, spec.unit and row[spec.unit], hi, spec.cmp and row[spec.cmp],
    spec.kind and row[spec.kind], bare)
end

--- rows:with_display() -> columns, rows: a display column after each figure column
-- (`display` for value, COLUMN_display for others) holding the figure as
-- written: 3723.35亿元, 1–2所, 30所以上.
function Rows:with_display()
  local figures = self:figure_columns()
  local columns = {}
  for _, c in ipairs(self.columns) do
    columns[#columns + 1] = c
    if figures[c] and c ~= "value_hi" then columns[#columns + 1] = c == "value" and "display" or (c .. "_display") end
  end
  if #columns == #self.columns then return self.columns, self end
  local rows = {}
  for i, row in ipairs(self) do
    local r = {}
    for k, v in pairs(row) do r[k] = v end
    for c, spec in pairs(figures) do
      if c ~= "value_hi" and row[c] ~= nil then
        r[c == "value" and "display" or (c .. "_display")] = Rows.figure_text(row, c, spec, false)
      end
    end
    rows[i] = r
  end
  return columns, rows
end

---------------------------------------------------------------------------
-- Conversions

-- A text cell as CSV: quoted when needed, and a leading apostrophe on
-- text a spreadsheet would take for a formula (= + - @).
local function csv_cell(v)
  if type(v) == "number" then return raw(v) end
  if v == nil then return "" end
  return core.csv_text(tostring(v))
end

--- rows:to_csv([{bom=, display=}]) -> CSV text with a header line (RFC 4180, CRLF)
-- bom: start with a byte order mark (Excel); display: add display columns.
function Rows:to_csv(opts)
  opts = opts or {}
  local columns, rows = self.columns, self
  if opts.display then columns, rows = self:with_display() end
  local lines, head = {}, {}
  for c, name in ipairs(columns) do head[c] = csv_cell(name) end
  lines[1] = (opts.bom and "\239\187\191" or "") .. table.concat(head, ",")
  for _, row in ipairs(rows) do
    local out = {}
    for c, name in ipairs(columns) do out[c] = csv_cell(row[name]) end
    lines[#lines + 1] = table.concat(out, ",")
  end
  return table.concat(lines, "\r\n") .. "\r\n"
end

local function json_value(v)
  local t = type(v)
  if v == nil then return "null"
  elseif t == "boolean" then return tostring(v)
  elseif t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then return "null" end
    return raw(v)
  end
  local s = tostring(v):gsub('[%c"\\]', function(c)
    local named = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
    return named[c] or string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end
Rows.json_value = json_value

--- rows:json_object(row) -> one row as a JSON object, keys in column order
function Rows:json_object(row)
  local fields = {}
  for _, name in ipairs(self.columns) do
    fields[#fields + 1] = json_value(name) .. ":" .. json_value(row[name])
  end
  return "{" .. table.concat(fields, ",") .. "}"
end

--- rows:to_json() -> a JSON array of objects, keys in column order
function Rows:to_json()
  local items = {}
  for i, row in ipairs(self) do items[i] = self:json_object(row) end
  return "[" .. table.concat(items, ",\n") .. "]"
end

--- rows:to_markdown() -> a Markdown table, figures as readers write them
function Rows:to_markdown()
  local function md(s) return (s:gsub("|", "\\|"):gsub("\n", " ")) end
  local figures = self:figure_columns()
  local head, rule = {}, {}
  for c, name in ipairs(self.columns) do head[c], rule[c] = md(name), "---" end
  local lines = { "| " .. table.concat(head, " | ") .. " |", "| " .. table.concat(rule, " | ") .. " |" }
  for _, row in ipairs(self) do
    local out = {}
    for c, name in ipairs(self.columns) do
      local spec = figures[name]
      out[c] = md(spec and Rows.figure_text(row, name, spec, true) or cell(row[name]))
    end
    lines[#lines + 1] = "| " .. table.concat(out, " | ") .. " |"
  end
  return table.concat(lines, "\n") .. "\n"
end

-- Sentences of indicators by id, for spreadsheets' source column; the
-- library sets it (it needs the database).
Rows.sentences = nil

--- rows:to_xlsx(path [, {sheet=}]) -> path: an Excel workbook
-- A bold header row kept in view, numbers as numbers, a display column
-- after each figure, and the source sentence of indicator rows.
function Rows:to_xlsx(path, opts)
  assert(type(path) == "string" and path ~= "", "rows:to_xlsx: a file name expected")
  opts = opts or {}
  local columns, rows = self:with_display()
  local id_column = has(columns, "indicator") and "indicator" or (self:figure_columns().value and has(columns, "id") and "id")
  if id_column and not has(columns, "sentence") and Rows.sentences then
    local ids = {}
    for _, row in ipairs(rows) do ids[#ids + 1] = row[id_column] end
    local sentences = Rows.sentences(ids)
    if rows == self then rows = {} for i, row in ipairs(self) do rows[i] = setmetatable({}, { __index = row }) end end
    for _, row in ipairs(rows) do row.sentence = sentences[row[id_column]] end
    local extended = { table.unpack(columns) }
    extended[#extended + 1] = "sentence"
    columns = extended
  end
  local bytes = core.xlsx(columns, rows, opts.sheet)
  local f, err = io.open(path, "wb")
  if not f then error("rows:to_xlsx: " .. err, 2) end
  f:write(bytes)
  f:close()
  return path
end

---------------------------------------------------------------------------

-- Text tables in the shell's display mode (edu/display.lua).
function Rows:__tostring()
  return (require("edu.display").render(self))
end

-- Any value as the REPL shows it: rows as tables, other tables one level deep.
function Rows.format(v)
  if getmetatable(v) == Rows then return tostring(v) end
  if type(v) ~= "table" or getmetatable(v) and getmetatable(v).__tostring then
    return type(v) == "string" and v or tostring(v)
  end
  local parts, n = {}, #v
  for i = 1, n do parts[#parts + 1] = Rows.format_scalar(v[i]) end
  local keys = {}
  for k in pairs(v) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. " = " .. Rows.format_scalar(v[k]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function Rows.format_scalar(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "table" and getmetatable(v) ~= Rows then return tostring(v) end
  return cell(v)
end

return Rows
