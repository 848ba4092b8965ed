-- What the REPL's dot-commands call, with the text after the command.
-- Kept apart from the edu table: analysts call edu.docs{...}; the shell
-- calls these with the words typed after .docs.
local core = require("edu.core")
local repl = {}

local function words(text)
  local out = {}
  for w in (text or ""):gmatch("%S+") do out[#out + 1] = w end
  return out
end
repl.words = words

function repl.help(name)
  return edu.help(name)
end

function repl.load(text)
  local paths = words(text)
  if #paths == 0 then error("usage: .load PATH...", 0) end
  local docs, errors = edu.load(table.unpack(paths))
  for _, e in ipairs(errors) do io.stderr:write("edushell: ", e, "\n") end
  return docs
end

function repl.docs(region)
  return edu.docs{ region = region }
end

function repl.indicators(metric)
  return edu.indicators{ metric = metric, limit = 200 }
end

function repl.sql(query)
  if not query or query == "" then error("usage: .sql QUERY", 0) end
  return edu.Rows.new(core.sql(query))
end

function repl.search(text)
  if not text or text == "" then error("usage: .search TEXT", 0) end
  return edu.search(text)
end

function repl.why(id)
  return edu.explain(tonumber(id) or error("usage: .why INDICATOR_ID", 0))
end

function repl.metrics(category)
  return edu.metric.list(category)
end

function repl.runs()
  return edu.runs()
end

function repl.overview()
  return edu.overview()
end

return repl
