-- The edu library: what analysts call from the REPL and from scripts.
-- Built on the C module edu.core (SQL, loading, metric definitions,
-- display width), which is not part of the analysts' table.
local core = require("edu.core")

-- The program creates the global edu empty and has this file fill it on
-- first use; required by name, it makes a table of its own.
local edu = ...
if type(edu) ~= "table" then edu = {} end
edu.db_path = core.db_path
edu.width = core.width

local Rows = require("edu.rows")
edu.Rows = Rows

local regions = require("edu.regions")(edu)

--- edu.sql(query, ...) -> rows: one SQL statement, values bound as ?1, ?2 ...
function edu.sql(query, ...)
  local ok, rows, columns = pcall(core.sql, query, ...)
  if not ok then error(rows, 2) end
  return Rows.new(rows, columns)
end

-- The source sentences of indicators, by id (for spreadsheets).
function Rows.sentences(ids)
  local out = {}
  local list = {}
  for i, id in ipairs(ids) do list[i] = math.tointeger(id) and tostring(id) or "null" end
  for _, r in ipairs(edu.sql([[SELECT r.id, r.sentence FROM indicator_rows r
      WHERE r.id IN (SELECT value FROM json_each(?1))]], "[" .. table.concat(list, ",") .. "]")) do
    out[r.id] = r.sentence
  end
  return out
end

--- edu.load(path, ...) -> documents loaded, errors (a list of "file: reason")
function edu.load(...)
  if not core.load then error("edu.load: the database is open read-only", 2) end
  local docs, errors = core.load(...)
  regions.forget()
  return Rows.new(docs, { "name", "region", "year", "kind", "indicators", "status" }), errors
end


-- Filter values as people write them: regions (无锡 → 无锡市) and levels
-- (省 → province). Errors point at the caller of the edu function.
local RESOLVE = {
  region = function(v) return edu.region(v, 4) end,
  level = function(v) return edu.level(v, 4) end,
}

-- " WHERE a = ?1 AND b LIKE ?2 ..." and its parameters, from a filter
-- table and the spec of accepted keys. Values are always bound. A key with
-- `phrases` is answered by the search index of metric phrases: rows whose
-- phrase holds every word of the value (as edu.search), the index giving
-- the phrases that may, edu_bigram_contains keeping those that do, and the
-- rows those of the phrases found, read from the index indicators_phrase
-- bucket by bucket of documents (schema.sql); never a scan.
local PHRASES_HOLDING = "(doc_id >> 10) IN (SELECT bucket FROM document_buckets)"
  .. " AND %s IN (SELECT p.id FROM metric_phrases p WHERE p.id IN (SELECT rowid FROM"
  .. " metric_phrases_fts WHERE metric_phrases_fts MATCH coalesce(edu_bigram_query(?%d), '\"\"'))"
  .. " AND edu_bigram_contains(p.phrase, ?%d))"

local function where(filters, spec)
  local clauses, params = {}, {}
  for key in pairs(filters) do
    local known = key == "limit"
    for _, s in ipairs(spec) do known = known or s.key == key end
    if not known then error("unknown filter '" .. tostring(key) .. "'", 4) end
  end
  for _, s in ipairs(spec) do
    local v = filters[s.key]
    if v ~= nil then
      if s.resolve then v = RESOLVE[s.resolve](v) end
      params[#params + 1] = s.like and ("%" .. tostring(v) .. "%") or v
      if s.phrases then
        clauses[#clauses + 1] = string.format(PHRASES_HOLDING, s.column, #params, #params)
      else
        clauses[#clauses + 1] = s.column .. (s.like and " LIKE ?" or " = ?") .. #params
      end
    end
  end
  return #clauses > 0 and (" WHERE " .. table.concat(clauses, " AND ")) or "", params
end

-- SELECT columns FROM view WHERE ... ORDER BY ... [LIMIT n]; a result cut
-- by the limit knows its total (rows.total) and how to ask for all
-- (rows.more).
local function select_filtered(name, view, columns, filters, spec, order)
  filters = filters or {}
  local w, params = where(filters, spec)
  local limit = filters.limit
  local n = #params
  if limit ~= nil then limit = math.tointeger(limit) or error(name .. ": limit must be an integer", 3) end
  local sql = "SELECT " .. columns .. " FROM " .. view .. w .. " ORDER BY " .. order
  if limit ~= nil then
    params[n + 1] = limit
    sql = sql .. " LIMIT ?" .. (n + 1)
  end
  local rows = edu.sql(sql, table.unpack(params, 1, limit ~= nil and n + 1 or n))
  return Rows.capped(rows, name, filters, limit, function()
    return edu.sql("SELECT count(*) AS n FROM " .. view .. w, table.unpack(params, 1, n))[1].n
  end)
end

local DOC_FILTERS = {
  { key = "region", column = "region", resolve = "region" }, { key = "year", column = "year" },
  { key = "kind", column = "kind" }, { key = "province", column = "province", resolve = "region" },
  { key = "level", column = "region_level", resolve = "level" },
  { key = "name", column = "name", like = true }, { key = "title", column = "title", like = true },
}

--- edu.docs{region=, year=, kind=, province=, level=, name=, title=, limit=} -> rows
function edu.docs(filters)
  return select_filtered("edu.docs", "document_rows",
    "id, name, region, region_level AS level, year, kind, title, indicators", filters, DOC_FILTERS, "name")
end

local IND_FILTERS = {
  { key = "region", column = "region", resolve = "region" }, { key = "year", column = "year" },
  { key = "kind", column = "kind" }, { key = "metric", column = "phrase_id", phrases = true },
  { key = "unit", column = "unit" }, { key = "doc", column = "doc", like = true },
  { key = "doc_kind", column = "doc_kind" }, { key = "province", column = "province", resolve = "region" },
  { key = "level", column = "level", resolve = "level" },
}
edu.FILTERS = { docs = DOC_FILTERS, indicators = IND_FILTERS }

--- edu.indicators{region=, year=, kind=, metric=, unit=, doc=, limit=} -> rows
-- metric matches the metric phrases holding each of its words, from one
-- character on; year is the year the figure is about.
function edu.indicators(filters)
  return select_filtered("edu.indicators", "indicator_rows",
    "id, doc, region, year, metric, value, value_hi, unit, kind, cmp, scope, number",
    filters, IND_FILTERS, "doc, start, id")
end

--- edu.search(text [, limit]) -> sentences containing every word of text, in the order loaded
-- Spaces and punctuation separate words; a word matches wherever it occurs,
-- from one character on, Latin letters in either case. The search index
-- answers (edu_sentence_search, read a chunk at a time); rows.total
-- counts all the sentences found when more than limit (100) are.
function edu.search(text, limit)
  if type(text) ~= "string" or text == "" then error("edu.search: text expected", 2) end
  limit = math.tointeger(limit or 100) or error("edu.search: limit must be an integer", 2)
  local ask = edu.sql("SELECT edu_bigram_query(?1) AS q, edu_bigram_exact(?1) AS exact", text)[1]
  if not ask.q then
    error("edu.search: nothing to search for in '" .. text .. "' (spaces and punctuation separate words)", 2)
  end
  -- The index gives the sentences holding every pair of characters of the
  -- words; for a word of more than two characters the sentence's own bytes
  -- (read alone, not with its document's whole text) say whether it holds
  -- the word itself. Sentences the index does not hold yet (stored while
  -- the indexer catches up) are read, all of them, after those it holds.
  local through = edu.sql("SELECT id FROM search_through")[1].id
  local rows = edu.sql([[SELECT d.name AS doc, d.region, d.year, s.text AS sentence
    FROM edu_sentence_search(?1, ?5) f JOIN sentences s ON s.id = f.id JOIN documents d ON d.id = s.doc_id
    WHERE ?3 OR edu_span_contains(s.doc_id, s.start, s.end, ?4)
    ORDER BY f.id LIMIT ?2]], text, limit, ask.exact, text, through)
  local unindexed = [[FROM sentence_spans s WHERE s.id > ?1 AND edu_span_contains(s.doc_id, s.start, s.end, ?2)]]
  if #rows < limit then
    for _, r in ipairs(edu.sql([[SELECT d.name AS doc, d.region, d.year, t.text AS sentence
        FROM (SELECT s.id ]] .. unindexed .. [[ ORDER BY s.id LIMIT ?3) u
        JOIN sentences t ON t.id = u.id JOIN documents d ON d.id = t.doc_id ORDER BY u.id]],
        through, text, limit - #rows)) do
      rows[#rows + 1] = r
    end
  end
  if #rows >= limit then
    rows.total = edu.sql(ask.exact == 1
      and "SELECT count(*) AS n FROM edu_sentence_search(?1, ?3)"
      or [[SELECT count(*) AS n FROM edu_sentence_search(?1, ?3) f JOIN sentence_spans s ON s.id = f.id
           WHERE edu_span_contains(s.doc_id, s.start, s.end, ?2)]],
      text, text, through)[1].n + edu.sql("SELECT count(*) AS n " .. unindexed, through, text)[1].n
    if rows.total > #rows then rows.more = string.format("edu.search(%q, %d)", text, rows.total) end
  end
  return rows
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

-- Parts of the library read when one of their names is first used, not at
-- every start: compiling them took most of the time a one-line script ran.
-- edu.NAME is found as before, on first use; listing edu (pairs, the REPL's
-- completion) installs every part first, so the list is whole; the sandbox
-- lists it before it takes the standard library away, so the parts load
-- with the whole library, as they did when edu.lua loaded them all.
local PARTS = {
  { names = { "metric", "series", "rank", "compare", "plan_vs_actual", "claims", "explain", "runs" },
    install = function() require("edu.analysis")(edu, core) end },
  { names = { "report_path", "report", "render", "template", "chart" },
    install = function() require("edu.report")(edu) end },
  { names = { "format" }, install = function() edu.format = require("edu.format") end },
  { names = { "display" }, install = function() edu.display = require("edu.display") end },
}
local PART_OF = {}
for _, part in ipairs(PARTS) do
  for _, name in ipairs(part.names) do PART_OF[name] = part end
end

local function install(part)
  if part.installed then return end
  part.installed = true -- a part that reads its own names while it loads finds nothing, not itself
  local ok, err = pcall(part.install)
  if not ok then
    part.installed = false
    error(err, 0)
  end
end

setmetatable(edu, {
  __index = function(_, name)
    local part = PART_OF[name]
    if part then
      install(part)
      return rawget(edu, name)
    end
  end,
  __pairs = function(t)
    for _, part in ipairs(PARTS) do install(part) end
    return next, t, nil
  end,
})

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
