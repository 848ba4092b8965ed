-- What the shell's dot-commands call, with the text after the command, and
-- what it asks of Lua: results rendered in the display mode, completions.
-- Kept apart from the edu table: analysts call edu.docs{...}; the shell
-- calls these with the words typed after .docs.
local core = require("edu.core")
local display = require("edu.display")
local Rows = require("edu.rows")
local repl = {}

local function words(text)
  local out = {}
  for w in (text or ""):gmatch("%S+") do out[#out + 1] = w end
  return out
end
repl.words = words

local function usage(text) error("usage: " .. text, 0) end

---------------------------------------------------------------------------
-- Dot-commands over the library

function repl.help(name) return edu.help(name) end

function repl.load(text)
  local paths = words(text)
  if #paths == 0 then usage(".load PATH...") end
  local docs, errors = edu.load(table.unpack(paths))
  for _, e in ipairs(errors) do io.stderr:write("edushell: ", e, "\n") end
  return docs
end

-- Errors of the library name the caller's position; a dot-command has
-- none, so only the message is shown.
local function bare(fn, ...)
  local results = table.pack(pcall(fn, ...))
  if not results[1] then error((tostring(results[2]):gsub("^[^:\n]*:%d+: ", "")), 0) end
  return table.unpack(results, 2, results.n)
end

function repl.docs(region) return bare(edu.docs, { region = region }) end

function repl.indicators(metric) return bare(edu.indicators, { metric = metric, limit = 200 }) end

function repl.sql(query)
  if not query or query == "" then usage(".sql QUERY") end
  return Rows.new(core.sql(query))
end

function repl.search(text)
  if not text or text == "" then usage(".search TEXT") end
  return bare(edu.search, text)
end

function repl.why(id)
  return bare(edu.explain, tonumber(id) or usage(".why INDICATOR_ID"))
end

function repl.metrics(category) return edu.metric.list(category) end
function repl.runs() return edu.runs() end
function repl.overview() return edu.overview() end

-- The database's schema, the search file's (attached as `search`) and the
-- connection's own view search_through; not the search indexes' inner
-- tables.
local SCHEMA = [[(SELECT name, type, tbl_name, sql FROM main.sqlite_schema UNION ALL
  SELECT name, type, tbl_name, sql FROM search.sqlite_schema UNION ALL
  SELECT name, type, tbl_name, sql FROM temp.sqlite_schema)
  WHERE name NOT LIKE 'sqlite_%' AND name NOT GLOB '*_fts_*']]

--- .tables: the tables and views of the database
function repl.tables(pattern)
  return edu.sql([[SELECT name, type FROM ]] .. SCHEMA .. [[ AND type IN ('table', 'view')
      AND (?1 IS NULL OR name LIKE ?1) ORDER BY type, name]], pattern)
end

--- .schema [NAME]: the SQL that made them
function repl.schema(name)
  local rows = edu.sql([[SELECT sql FROM ]] .. SCHEMA .. [[ AND sql IS NOT NULL
      AND (?1 IS NULL OR name = ?1 OR tbl_name = ?1) ORDER BY tbl_name, type DESC, name]], name)
  if #rows == 0 and name then error("no table or view named " .. name, 0) end
  local out = {}
  for i, r in ipairs(rows) do out[i] = r.sql .. ";" end
  return table.concat(out, "\n")
end

---------------------------------------------------------------------------
-- Display settings, as sqlite3 spells them

function repl.mode(text)
  local w = words(text)
  if #w == 0 then return "current mode: " .. display.mode end
  local ok, err = pcall(display.set, { mode = w[1] })
  if not ok then error((err:gsub("^[^:\n]*:%d+: ", "")), 0) end
end

local function on_off(text, what)
  local w = (words(text)[1] or ""):lower()
  if w == "on" or w == "yes" or w == "1" then return true end
  if w == "off" or w == "no" or w == "0" then return false end
  usage(what .. " on|off")
end

function repl.headers(text) display.headers = on_off(text, ".headers") end

-- The separator as typed: \t and \n stand for a tab and a newline.
function repl.separator(text)
  if not text or text == "" then usage(".separator SEPARATOR") end
  local sep = text:gsub("\\t", "\t"):gsub("\\n", "\n")
  display.separator = sep
end

function repl.width(text)
  local widths = {}
  for i, w in ipairs(words(text)) do
    widths[i] = math.tointeger(tonumber(w)) or usage(".width N... (whole numbers; 0 fits, negative aligns right)")
  end
  display.widths = widths
end

---------------------------------------------------------------------------
-- Results

--- repl.render(max_width, ...) -> text, note: values as the shell shows them
-- Rows in the display mode (cut to max_width columns when reading on a
-- terminal), other values as Lua writes them. note tells what a capped
-- result left out when the mode's text cannot say it.
function repl.render(max_width, ...)
  local saved = display.max_width
  display.max_width = max_width
  local parts, notes = {}, {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    if getmetatable(v) == Rows then
      local text, note = display.render(v)
      parts[#parts + 1] = text
      notes[#notes + 1] = note
    else
      parts[#parts + 1] = Rows.format(v)
    end
  end
  display.max_width = saved
  return table.concat(parts, "\n"), #notes > 0 and table.concat(notes, "\n") or nil
end

---------------------------------------------------------------------------
-- Completion

-- Option names of the library's functions, for edu.indicators{re<TAB>.
local function filter_keys(spec)
  local out = { "limit" }
  for _, s in ipairs(spec) do out[#out + 1] = s.key end
  return out
end

repl.OPTIONS = {
  ["edu.docs"] = filter_keys(edu.FILTERS.docs),
  ["edu.indicators"] = filter_keys(edu.FILTERS.indicators),
  ["edu.series"] = { "region", "metric", "kind" },
  ["edu.rank"] = { "metric", "year", "level", "kind", "desc" },
  ["edu.compare"] = { "regions", "metrics", "category", "year" },
  ["edu.plan_vs_actual"] = { "region", "year" },
  ["edu.claims"] = { "scope", "region", "year" },
  ["edu.metric.define"] = { "id", "name", "aliases", "category", "unit", "direction" },
  ["edu.report"] = { "region", "regions", "year", "format" },
  ["edu.display.set"] = { "mode", "headers", "separator", "widths" },
}

local function distinct(sql)
  local out = {}
  for _, r in ipairs(edu.sql(sql)) do out[#out + 1] = r.v end
  return out
end

local function region_names()
  local out = distinct("SELECT DISTINCT region AS v FROM documents WHERE region IS NOT NULL ORDER BY v")
  for _, r in ipairs(core.region_list() or {}) do
    if r.level == "province" then out[#out + 1] = r.name end
  end
  return out
end

local function metric_names()
  local out = distinct("SELECT name AS v FROM metrics ORDER BY v")
  for _, v in ipairs(distinct("SELECT id AS v FROM metrics ORDER BY v")) do out[#out + 1] = v end
  return out
end

local function template_names()
  local out, seen = {}, {}
  for _, dir in ipairs(edu.report_path) do
    for _, f in ipairs(core.list_dir(dir) or {}) do
      local name = f:match("^([^_][^.]*)%.%a+%.tpl$")
      if name and not seen[name] then seen[name] = true; out[#out + 1] = name end
    end
  end
  table.sort(out)
  return out
end

-- Values a string option takes, by option name.
local VALUES = {
  region = region_names, regions = region_names, province = region_names,
  metric = metric_names, metrics = metric_names,
  level = function() return { "省", "市", "县", "province", "prefecture", "county" } end,
  kind = function() return { "actual", "target", "change", "rank", "summary", "plan", "progress", "midyear", "gov-report" } end,
  category = function() return distinct("SELECT DISTINCT category AS v FROM metrics WHERE category <> '' ORDER BY v") end,
  mode = function() return display.MODES end,
}

-- Dot-commands whose argument is a region, a metric, a category, a mode.
local DOT_VALUES = {
  [".docs"] = region_names, [".indicators"] = metric_names, [".metrics"] = VALUES.category,
  [".mode"] = VALUES.mode, [".headers"] = function() return { "on", "off" } end,
  [".pager"] = function() return { "on", "off" } end,
  [".help"] = function()
    local out = {}
    for k in pairs(require("edu.help")) do out[#out + 1] = k end
    table.sort(out)
    return out
  end,
}

-- The fields of a table reached by a dotted path from the globals
-- (edu.metric → the edu.metric table), or nil.
local function walk(path)
  local t = _G
  for part in path:gmatch("[^.:]+") do
    if type(t) ~= "table" then return nil end
    t = t[part]
  end
  return type(t) == "table" and t or nil
end

local function keys_of(t, prefix)
  local out = {}
  for k in pairs(t) do
    if type(k) == "string" and k:match("^[%a_][%w_]*$") and not k:match("^_") then out[#out + 1] = prefix .. k end
  end
  return out
end

local function starting_with(list, word)
  local out, seen = {}, {}
  for _, v in ipairs(list) do
    if v:sub(1, #word) == word and not seen[v] then seen[v] = true; out[#out + 1] = v end
  end
  table.sort(out)
  return out
end

--- repl.complete(before, word) -> the completions of word, given the line before it
function repl.complete(before, word)
  local dot = before:match("^%s*(%.%a+)%s")
  if dot and DOT_VALUES[dot] then return starting_with(DOT_VALUES[dot](), word) end
  -- inside a string: the value of an option (region = "无|), or a template name
  local option = before:match("([%a_]+)%s*=%s*[\"']$") or before:match("([%a_]+)%s*=%s*{[^}]*[\"']$")
  if option and VALUES[option] then return starting_with(VALUES[option](), word) end
  if before:match("edu%.report%s*%(%s*[\"']$") or before:match("edu%.render%s*%(%s*[\"']$") then
    return starting_with(template_names(), word)
  end
  if before:match("[\"']$") then return {} end
  -- an option name: edu.indicators{re|, or after a comma inside the braces
  local fn = before:match("([%a_][%w_.]*)%s*%(?%s*{[^{}]*$")
  if fn and repl.OPTIONS[fn] and not word:find("[.:]") then return starting_with(repl.OPTIONS[fn], word) end
  -- a name: edu.ind| → edu.indicators, string.fo| → string.format
  local path, last = word:match("^(.*[.:])([%w_]*)$")
  if path then
    local t = walk(path:sub(1, -2))
    if not t then return {} end
    local list = keys_of(t, path)
    local meta = getmetatable(t)
    if path:sub(-1) == ":" and meta and type(meta.__index) == "table" then list = keys_of(meta.__index, path) end
    return starting_with(list, path .. last)
  end
  local names = keys_of(_G, "")
  for _, kw in ipairs({ "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
                        "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }) do
    names[#names + 1] = kw
  end
  return starting_with(names, word)
end

return repl
