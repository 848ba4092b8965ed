-- The report template language: text with Lua in it.
--
--   {{ expr }}      the value of a Lua expression (HTML-escaped in HTML output)
--   {{! expr }}     the value, not escaped (for SVG charts and other markup)
--   {% for x in expr %} ... {% end %}         over a list (rows), or an iterator
--   {% for i, x in expr %} ... {% end %}      with the index
--   {% for i = 1, n %} ... {% end %}          counting
--   {% if cond %} ... {% elseif cond %} ... {% else %} ... {% end %}
--   {% set name = expr %}                     a local name for the rest of the block
--   {% set a, b = expr %}                     (two, when expr returns two values)
--   {# comment #}
--
-- A template is compiled once into a Lua function; rendering calls it with
-- a context table, whose fields are the template's free names. The Lua code
-- keeps the template's line numbers, so every error, at compile time or
-- while rendering, names template:line.
local Template = {}
Template.__index = Template

-- Captured when the library loads: a sandbox may take debug away from
-- scripts later, but error locations still need it.
local getinfo = debug.getinfo

local function html_escape(s)
  return (s:gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                              ['"'] = "&quot;", ["'"] = "&#39;" }))
end
Template.html_escape = html_escape

-- How a value prints: as a cell of a query result (nothing for nil,
-- integers without ".0", other numbers to six significant digits).
local to_text = require("edu.rows").cell
Template.to_text = to_text

---------------------------------------------------------------------------
-- Scanning: the source becomes a list of tokens {type, text, line}, with
-- type "text", "expr", "raw" or "stmt". Comments disappear.

local OPENERS = { ["{{"] = "}}", ["{%"] = "%}", ["{#"] = "#}" }

local function line_at(src, pos)
  local _, n = src:sub(1, pos - 1):gsub("\n", "")
  return n + 1
end

-- A statement or comment alone on its line takes the whole line with it,
-- so block tags do not leave blank lines behind in the output.
local function standalone(src, open_pos, close_end)
  local line_start = open_pos
  while line_start > 1 and src:sub(line_start - 1, line_start - 1):match("[ \t]") do
    line_start = line_start - 1
  end
  if line_start > 1 and src:sub(line_start - 1, line_start - 1) ~= "\n" then return nil end
  local after = src:match("^[ \t]*\r?\n", close_end + 1) or src:match("^[ \t]*$", close_end + 1)
  if not after then return nil end
  return line_start, close_end + #after
end

-- The end of a {{ expression }}: the first "}}" outside Lua strings and
-- outside braces the expression opened, so a table constructor may end
-- the expression ({{ f({a = {1}}) }}). Returns the position of "}}".
local function expression_end(src, pos)
  local depth = 0
  while pos <= #src do
    local c = src:sub(pos, pos)
    if c == '"' or c == "'" then
      local close = pos + 1
      while close <= #src and src:sub(close, close) ~= c do
        close = close + (src:sub(close, close) == "\\" and 2 or 1)
      end
      pos = close
    elseif c == "[" and src:match("^%[=*%[", pos) then
      local eq = src:match("^%[(=*)%[", pos)
      local _, e = src:find("]" .. eq .. "]", pos, true)
      if not e then return nil end
      pos = e
    elseif c == "{" then
      depth = depth + 1
    elseif c == "}" then
      if depth == 0 and src:sub(pos + 1, pos + 1) == "}" then return pos end
      depth = math.max(depth - 1, 0)
    end
    pos = pos + 1
  end
  return nil
end

local function scan(src, name)
  local tokens, pos = {}, 1
  local function add(type, text, at)
    tokens[#tokens + 1] = { type = type, text = text, line = line_at(src, at) }
  end
  while pos <= #src do
    local open = src:find("{[{%%#]", pos)
    if not open then add("text", src:sub(pos), pos); break end
    local opener = src:sub(open, open + 1)
    local close
    if opener == "{{" then close = expression_end(src, open + 2)
    else close = src:find(OPENERS[opener], open + 2, true) end
    if not close then
      error(string.format("%s:%d: %s without %s", name, line_at(src, open), opener, OPENERS[opener]), 0)
    end
    local text_end, next_pos = open - 1, close + 2
    if opener ~= "{{" then
      local s, e = standalone(src, open, close + 1)
      if s then text_end, next_pos = s - 1, e + 1 end
    end
    if text_end >= pos then add("text", src:sub(pos, text_end), pos) end
    local body = src:sub(open + 2, close - 1)
    if opener == "{{" then
      if body:sub(1, 1) == "!" then add("raw", body:sub(2), open + 3) else add("expr", body, open + 2) end
    elseif opener == "{%" then
      add("stmt", body, open + 2)
    end
    pos = next_pos
  end
  return tokens
end

---------------------------------------------------------------------------
-- Code generation. The generated chunk starts with
--   local _ENV, __t = ...
-- and writes through __t.out; the context is its _ENV.

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

local function compile_stmt(tok, stack, fail)
  local s = trim(tok.text)
  local word, rest = s:match("^(%a+)%s*(.-)$")
  -- Lua's own keywords are tolerated: {% for x in t do %}, {% if c then %}.
  if word == "for" then rest = rest:gsub("%s+do$", "") end
  if word == "if" or word == "elseif" then rest = rest:gsub("%s+then$", "") end
  if word == "for" then
    if rest:match("^[%a_][%w_]*%s*=[^=]") then  -- numeric: {% for i = 1, n %}
      stack[#stack + 1] = { kind = "for", line = tok.line }
      return "for " .. rest .. " do "
    end
    local names, expr = rest:match("^([%a_][%w_]*%s*,?%s*[%w_]*)%s+in%s+(.+)$")
    if not names then fail("expected {% for NAME in EXPR %} or {% for NAME = FIRST, LAST %}") end
    stack[#stack + 1] = { kind = "for", line = tok.line }
    local iter = names:find(",") and "__t.pairs" or "__t.values"
    return "for " .. names .. " in " .. iter .. "(" .. expr .. ") do "
  elseif word == "if" then
    if rest == "" then fail("{% if %} needs a condition") end
    stack[#stack + 1] = { kind = "if", line = tok.line }
    return "if " .. rest .. " then "
  elseif word == "elseif" or word == "else" then
    local top = stack[#stack]
    if not top or top.kind ~= "if" or top.has_else then fail("{% " .. word .. " %} outside an {% if %}") end
    if word == "else" then top.has_else = true; return " else " end
    if rest == "" then fail("{% elseif %} needs a condition") end
    return " elseif " .. rest .. " then "
  elseif word == "end" then
    if #stack == 0 then fail("{% end %} without an open block") end
    stack[#stack] = nil
    return " end "
  elseif word == "set" then
    local var, expr = rest:match("^([%a_][%w_]*%s*,?%s*[%w_]*)%s*=%s*([^=].*)$")
    if not var then fail("expected {% set NAME = EXPR %}") end
    return "local " .. var .. " = " .. expr .. " "
  end
  fail("unknown statement {% " .. s .. " %} (for, if, elseif, else, end, set)")
end

local function generate(tokens, name)
  local code, line = { "local _ENV, __t = ...; " }, 1
  local stack = {}
  local function emit(piece, at)
    if at then
      if at > line then code[#code + 1] = string.rep("\n", at - line); line = at end
    end
    code[#code + 1] = piece
    local _, n = piece:gsub("\n", "")
    line = line + n
  end
  for _, tok in ipairs(tokens) do
    local function fail(msg) error(string.format("%s:%d: %s", name, tok.line, msg), 0) end
    if tok.type == "text" then
      emit("__t.out(" .. string.format("%q", tok.text) .. ") ", tok.line)
    elseif tok.type == "expr" or tok.type == "raw" then
      if trim(tok.text) == "" then fail("empty {{ }}") end
      local fn = tok.type == "expr" and "__t.value" or "__t.raw"
      emit(fn .. "((" .. tok.text .. ")) ", tok.line)
    else
      emit(compile_stmt(tok, stack, fail), tok.line)
    end
  end
  if #stack > 0 then
    local open = stack[#stack]
    error(string.format("%s:%d: {%% %s %%} is never closed with {%% end %%}", name, open.line, open.kind), 0)
  end
  return table.concat(code)
end

---------------------------------------------------------------------------

-- Iteration helpers for {% for %}: a table is walked as a list; a function
-- (an iterator such as pairs(t)) is used as is.
local function values(v, ...)
  if type(v) == "table" then
    local i = 0
    return function() i = i + 1; return v[i] end
  elseif v == nil then
    return function() return nil end
  end
  return v, ...
end

local function indexed(v, ...)
  if type(v) == "table" then return ipairs(v) end
  if v == nil then return function() return nil end end
  return v, ...
end

--- Template.compile(source, name [, opts]) -> template
-- opts.escape = "html" escapes {{ }} output; anything else leaves it as is.
function Template.compile(source, name, opts)
  name = name or "template"
  local code = generate(scan(source, name), name)
  local fn, err = load(code, "=" .. name, "t")
  if not fn then error(err, 0) end
  return setmetatable({ fn = fn, name = name, escape = (opts or {}).escape }, Template)
end

-- Puts template:line in front of an error raised below the template (in
-- a helper or an edu function), unless the message names it already.
local function locate(name)
  return function(msg)
    if type(msg) ~= "string" then msg = tostring(msg) end
    if msg:find(name .. ":", 1, true) then return msg end
    for level = 2, 60 do
      local info = getinfo(level, "Sl")
      if not info then break end
      if info.source == "=" .. name and info.currentline > 0 then
        return string.format("%s:%d: %s", name, info.currentline, msg)
      end
    end
    return msg
  end
end

--- template:render(context) -> text
-- The context's fields are the names the template sees; names it lacks
-- are looked up in the global environment.
function Template:render(context)
  local buf, escape = {}, self.escape == "html" and html_escape or nil
  local t = {
    values = values, pairs = indexed,
    out = function(s) buf[#buf + 1] = s end,
    raw = function(v) buf[#buf + 1] = to_text(v) end,
    value = function(v)
      local s = to_text(v)
      buf[#buf + 1] = escape and escape(s) or s
    end,
  }
  local env = setmetatable({}, { __index = function(_, k)
    local v = context[k]
    if v == nil then v = _G[k] end
    return v
  end })
  local ok, err = xpcall(self.fn, locate(self.name), env, t)
  if not ok then error(err, 0) end
  return table.concat(buf)
end

--- Template.render_string(source, context [, opts]) -> text, for one-off use
function Template.render_string(source, context, opts)
  return Template.compile(source, (opts or {}).name or "string", opts):render(context or {})
end

return Template
