-- The edu library: what analysts call from the REPL and from scripts.
-- Built on the C module edu.core (SQL, loading, metric definitions,
-- display width), which is not part of the analysts' table.
local core = require("edu.core")

local edu = {}
edu.db_path = core.db_path
edu.width = core.width

local Rows = require("edu.rows")
edu.Rows = Rows
Rows.width = core.width

--- edu.sql(query, ...) -> rows: one SQL statement, values bound as ?1, ?2 ...
function edu.sql(query, ...)
  local ok, rows, columns = pcall(core.sql, query, ...)
  if not ok then error(rows, 2) end
  return Rows.new(rows, columns)
end

--- edu.load(path, ...) -> documents loaded, errors (a list of "file: reason")
function edu.load(...)
  if not core.load then error("edu.load: the database is open read-only", 2) end
  local docs, errors = core.load(...)
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
  { key = "region", column = "region" }, { key = "year", column = "year" },
  { key = "kind", column = "kind" }, { key = "province", column = "province" },
  { key = "level", column = "region_level" }, { key = "name", column = "name", like = true },
  { key = "title", column = "title", like = true },
}

--- edu.docs{region=, year=, kind=, province=, level=, name=, title=} -> rows
function edu.docs(filters)
  local w, params = where(filters or {}, DOC_FILTERS, "name")
  return edu.sql([[
    SELECT id, name, region, region_level AS level, year, kind, title, indicators
    FROM document_rows]] .. w, table.unpack(params))
end

local IND_FILTERS = {
  { key = "region", column = "region" }, { key = "year", column = "year" },
  { key = "kind", column = "kind" }, { key = "metric", column = "metric", like = true },
  { key = "unit", column = "unit" }, { key = "doc", column = "doc", like = true },
  { key = "doc_kind", column = "doc_kind" }, { key = "province", column = "province" },
}

--- edu.indicators{region=, year=, kind=, metric=, unit=, doc=, limit=} -> rows
-- metric matches a substring; year is the year the figure is about.
function edu.indicators(filters)
  local w, params = where(filters or {}, IND_FILTERS, "doc, start")
  return edu.sql([[
    SELECT id, doc, region, year, metric, value, value_hi, unit, kind, cmp, scope, number
    FROM indicator_rows]] .. w, table.unpack(params))
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

require("edu.analysis")(edu, core)
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

return edu
