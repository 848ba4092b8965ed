-- Rows: the result of a query, a list of row tables with an ordered list of
-- columns. Prints as an aligned table (CJK characters count double) and
-- converts to CSV, JSON and Markdown.
local Rows = {}
Rows.__index = Rows

-- Terminal columns of a string; edu.lua replaces it with the C version
-- that knows East Asian widths.
Rows.width = function(s) return utf8.len(s) or #s end
local function width(s) return Rows.width(s) end

function Rows.new(rows, columns)
  rows.columns = columns or {}
  return setmetatable(rows, Rows)
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

local function pad(s, w, right)
  local fill = string.rep(" ", w - width(s))
  return right and (fill .. s) or (s .. fill)
end

function Rows:__tostring()
  local cols = self.columns
  if #cols == 0 then return "(no columns)" end
  local widths, numeric = {}, {}
  for c, name in ipairs(cols) do
    widths[c], numeric[c] = width(name), true
    for _, row in ipairs(self) do
      local v = row[name]
      widths[c] = math.max(widths[c], width(cell(v)))
      if v ~= nil and type(v) ~= "number" then numeric[c] = false end
    end
  end
  local lines, head, rule = {}, {}, {}
  for c, name in ipairs(cols) do
    head[c] = pad(name, widths[c], numeric[c])
    rule[c] = string.rep("-", widths[c])
  end
  lines[1] = (table.concat(head, "  "):gsub("%s+$", ""))
  lines[2] = table.concat(rule, "  ")
  for _, row in ipairs(self) do
    local out = {}
    for c, name in ipairs(cols) do out[c] = pad(cell(row[name]), widths[c], numeric[c]) end
    lines[#lines + 1] = (table.concat(out, "  "):gsub("%s+$", ""))
  end
  lines[#lines + 1] = string.format("(%d row%s)", #self, #self == 1 and "" or "s")
  return table.concat(lines, "\n")
end

local function csv_field(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

--- rows:to_csv() -> CSV text with a header line (RFC 4180)
function Rows:to_csv()
  local lines, head = {}, {}
  for c, name in ipairs(self.columns) do head[c] = csv_field(name) end
  lines[1] = table.concat(head, ",")
  for _, row in ipairs(self) do
    local out = {}
    for c, name in ipairs(self.columns) do out[c] = csv_field(cell(row[name])) end
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
    return cell(v)
  end
  local s = tostring(v):gsub('[%c"\\]', function(c)
    local named = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
    return named[c] or string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end
Rows.json_value = json_value

--- rows:to_json() -> a JSON array of objects, keys in column order
function Rows:to_json()
  local items = {}
  for _, row in ipairs(self) do
    local fields = {}
    for _, name in ipairs(self.columns) do
      fields[#fields + 1] = json_value(name) .. ":" .. json_value(row[name])
    end
    items[#items + 1] = "{" .. table.concat(fields, ",") .. "}"
  end
  return "[" .. table.concat(items, ",\n") .. "]"
end

--- rows:to_markdown() -> a Markdown table
function Rows:to_markdown()
  local function md(s) return (s:gsub("|", "\\|"):gsub("\n", " ")) end
  local head, rule = {}, {}
  for c, name in ipairs(self.columns) do head[c], rule[c] = md(name), "---" end
  local lines = { "| " .. table.concat(head, " | ") .. " |", "| " .. table.concat(rule, " | ") .. " |" }
  for _, row in ipairs(self) do
    local out = {}
    for c, name in ipairs(self.columns) do out[c] = md(cell(row[name])) end
    lines[#lines + 1] = "| " .. table.concat(out, " | ") .. " |"
  end
  return table.concat(lines, "\n") .. "\n"
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
