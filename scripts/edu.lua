-- The edu library: what analysts call from the REPL and from scripts.
-- The C side passes in the module table, already holding the bindings
-- edu._sql, edu._load and edu.width, and the directory of this file.
local edu, scripts_dir = ...

package.path = scripts_dir .. "/?.lua;" .. scripts_dir .. "/?/init.lua;" .. package.path

local Rows = require("edu.rows")
edu.Rows = Rows
Rows.width = edu.width

--- edu.sql(query, ...) -> rows: one SQL statement, values bound as ?1, ?2 ...
function edu.sql(query, ...)
  local rows, columns = edu._sql(query, ...)
  return Rows.new(rows, columns)
end

--- edu.load(path, ...) -> documents loaded, errors (a list of "file: reason")
function edu.load(...)
  local docs, errors = edu._load(...)
  return Rows.new(docs, { "name", "region", "year", "kind", "indicators", "status" }), errors
end

-- Builds " WHERE a = ?1 AND b LIKE ?2 ... ORDER BY ... LIMIT ?n" from a
-- filter table and the spec of accepted keys. Values are always bound.
local function where(filters, spec, order)
  local clauses, params = {}, {}
  for key in pairs(filters) do
    local known = key == "limit"
    for _, s in ipairs(spec) do known = known or s.key == key end
    if not known then error("unknown filter '" .. tostring(key) .. "'", 3) end
  end
  for _, s in ipairs(spec) do
    local v = filters[s.key]
    if v ~= nil then
      params[#params + 1] = s.like and ("%" .. tostring(v) .. "%") or v
      clauses[#clauses + 1] = s.column .. (s.like and " LIKE ?" or " = ?") .. #params
    end
  end
  local sql = #clauses > 0 and (" WHERE " .. table.concat(clauses, " AND ")) or ""
  sql = sql .. " ORDER BY " .. order
  if filters.limit then
    params[#params + 1] = math.tointeger(filters.limit) or error("limit must be an integer", 3)
    sql = sql .. " LIMIT ?" .. #params
  end
  return sql, params
end

local DOC_FILTERS = {
  { key = "region", column = "d.region" }, { key = "year", column = "d.year" },
  { key = "kind", column = "d.kind" }, { key = "province", column = "d.province" },
  { key = "level", column = "d.region_level" }, { key = "name", column = "d.name", like = true },
  { key = "title", column = "d.title", like = true },
}

--- edu.docs{region=, year=, kind=, province=, level=, name=, title=} -> rows
function edu.docs(filters)
  local w, params = where(filters or {}, DOC_FILTERS, "d.name")
  return edu.sql([[
    SELECT d.id, d.name, d.region, d.region_level AS level, d.year, d.kind, d.title,
           (SELECT count(*) FROM indicators i WHERE i.doc_id = d.id) AS indicators
    FROM documents d]] .. w, table.unpack(params))
end

local IND_FILTERS = {
  { key = "region", column = "d.region" }, { key = "year", column = "i.year" },
  { key = "kind", column = "i.kind" }, { key = "metric", column = "i.metric", like = true },
  { key = "unit", column = "i.unit" }, { key = "doc", column = "d.name", like = true },
  { key = "doc_kind", column = "d.kind" }, { key = "province", column = "d.province" },
}

--- edu.indicators{region=, year=, kind=, metric=, unit=, doc=, limit=} -> rows
-- metric matches a substring; year is the year the figure is about.
function edu.indicators(filters)
  local w, params = where(filters or {}, IND_FILTERS, "d.name, i.start")
  return edu.sql([[
    SELECT i.id, d.name AS doc, d.region, i.year, i.metric, i.value, i.value_hi, i.unit,
           i.kind, i.cmp, i.scope, i.number
    FROM indicators i JOIN documents d ON d.id = i.doc_id]] .. w, table.unpack(params))
end

--- edu.search(text) -> sentences containing text, with their document
function edu.search(text, limit)
  assert(type(text) == "string" and text ~= "", "edu.search: text expected")
  limit = limit or 100
  local cols = [[SELECT d.name AS doc, d.region, d.year, s.text AS sentence
    FROM sentences s JOIN documents d ON d.id = s.doc_id]]
  -- The trigram index needs three characters; shorter text is scanned.
  if utf8.len(text) and utf8.len(text) >= 3 then
    local quoted = '"' .. text:gsub('"', '""') .. '"'
    return edu.sql(cols .. [[ WHERE s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?1)
      ORDER BY d.name, s.seq LIMIT ?2]], quoted, limit)
  end
  return edu.sql(cols .. [[ WHERE instr(s.text, ?1) > 0 ORDER BY d.name, s.seq LIMIT ?2]], text, limit)
end

--- edu.overview() -> prints documents, counts and a few indicators of each
function edu.overview(per_doc)
  per_doc = per_doc or 3
  local docs = edu.docs()
  print(docs)
  local total = edu.sql("SELECT count(*) AS n FROM indicators")[1].n
  print(string.format("\n%d documents, %d indicators\n", #docs, total))
  for _, d in ipairs(docs) do
    print(string.format("%s (%s %s %s):", d.name, d.region or "?", d.year or "?", d.kind or "?"))
    print(edu.sql([[SELECT metric, value, unit, kind, number FROM indicators
      WHERE doc_id = ?1 ORDER BY start LIMIT ?2]], d.id, per_doc))
    print()
  end
end

--- edu.show(value, ...) prints values the way the REPL does
function edu.show(...)
  for i = 1, select("#", ...) do
    print(Rows.format(select(i, ...)))
  end
end

require("edu.analysis")(edu)
require("edu.report")(edu)

local HELP = require("edu.help")

--- edu.help([name]) -> the help text of an edu function
function edu.help(name)
  if not name or name == "" then
    local names = {}
    for k in pairs(HELP) do names[#names + 1] = k end
    table.sort(names)
    return "help is available for: " .. table.concat(names, ", ")
  end
  name = name:gsub("^%s+", ""):gsub("%s+$", "")
  if not name:find("^edu%.") and name ~= "rows" then name = "edu." .. name end
  -- edu.metric.define is documented with edu.metric: try shorter names.
  local try = name
  while try do
    if HELP[try] then return HELP[try] end
    try = try:match("^(.+)%.[^.]+$")
  end
  return "no help for " .. name
end

-- What the REPL's dot-commands call, with the text after the command.
local function words(text)
  local out = {}
  for w in (text or ""):gmatch("%S+") do out[#out + 1] = w end
  return out
end

function edu.repl_load(text)
  local paths = words(text)
  if #paths == 0 then error("usage: .load PATH...", 0) end
  local docs, errors = edu.load(table.unpack(paths))
  for _, e in ipairs(errors) do io.stderr:write("edushell: ", e, "\n") end
  return docs
end

function edu.repl_docs(region)
  return edu.docs{ region = region }
end

function edu.repl_why(id)
  return edu.explain(tonumber(id) or error("usage: .why INDICATOR_ID", 0))
end

function edu.repl_metrics(category)
  return edu.metric.list(category)
end

function edu.repl_indicators(metric)
  return edu.indicators{ metric = metric, limit = 200 }
end

return edu
