-- scripts/edu/template.lua: the report template language, compiled to Lua.
local check = require("check")
local T = require("edu.template")

local function render(src, ctx, opts) return T.render_string(src, ctx or {}, opts) end

check.case("expressions, raw output and HTML escaping", function()
  check.eq(render("a{{ x }}b", { x = 1 }), "a1b", "value")
  check.eq(render("{{ x }}", { x = "<&>\"'" }, { escape = "html" }), "&lt;&amp;&gt;&quot;&#39;", "escaped")
  check.eq(render("{{! x }}", { x = "<b>" }, { escape = "html" }), "<b>", "raw")
  check.eq(render("{{ x }}", { x = "<b>" }), "<b>", "no escaping outside HTML")
  check.eq(render("[{{ nothing }}]"), "[]", "nil prints nothing")
  check.eq(render("{{ 2.0 }} {{ 1/4 }}"), "2 0.25", "numbers as cells")
  check.eq(render("{{ string.upper('x') }}"), "X", "globals behind the context")
  check.eq(render("{{ f({a = {1}}) }}!", { f = function(t) return t.a[1] end }), "1!", "a table constructor ends the expression")
  check.eq(render("{{ '}}' }}"), "}}", "braces inside a string")
  check.eq(render("{{ [[a}}b]] }}"), "a}}b", "braces inside a long string")
end)

check.case("for over lists, with index, over iterators, counting", function()
  check.eq(render("{% for x in xs %}{{ x }},{% end %}", { xs = { "a", "b" } }), "a,b,", "list")
  check.eq(render("{% for i, x in xs %}{{ i }}={{ x }} {% end %}", { xs = { "a", "b" } }), "1=a 2=b ", "indexed")
  check.eq(render("{% for k, v in pairs(t) %}{{ k }}{{ v }}{% end %}", { t = { z = 1 } }), "z1", "iterator")
  check.eq(render("{% for i = 1, 3 %}{{ i }}{% end %}"), "123", "numeric")
  check.eq(render("{% for x in nothing %}x{% end %}."), ".", "nil list: no iterations")
  check.eq(render("{% for x in xs do %}{{ x }}{% end %}", { xs = { 1 } }), "1", "Lua's do tolerated")
  local rows = edu.sql("SELECT 'p' AS a UNION ALL SELECT 'q'")
  check.eq(render("{% for r in rows %}{{ r.a }}{% end %}", { rows = rows }), "pq", "query rows")
end)

check.case("if, elseif, else; set", function()
  local src = "{% if n > 2 %}big{% elseif n == 2 %}two{% else %}small{% end %}"
  check.eq(render(src, { n = 3 }), "big", "if")
  check.eq(render(src, { n = 2 }), "two", "elseif")
  check.eq(render(src, { n = 1 }), "small", "else")
  check.eq(render("{% set a, b = f() %}{{ a }}{{ b }}", { f = function() return 1, 2 end }), "12", "set two")
  check.eq(render("{% if x then %}y{% end %}", { x = true }), "y", "Lua's then tolerated")
end)

check.case("block tags alone on a line leave no blank line", function()
  local src = "a\n{% if true %}\nb\n  {% end %}\n{# note #}\nc\n"
  check.eq(render(src), "a\nb\nc\n", "standalone tags")
  check.eq(render("x {% if true %}y{% end %} z"), "x y z", "inline tags keep their line")
end)

check.case("compile errors name template:line", function()
  check.fails(function() T.compile("a\n{% for x in y %}\nb", "t.tpl") end, "t.tpl:2: {% for %} is never closed")
  check.fails(function() T.compile("a\nb\n{% end %}", "t.tpl") end, "t.tpl:3: {% end %} without an open block")
  check.fails(function() T.compile("\n{{ }}", "t.tpl") end, "t.tpl:2: empty {{ }}")
  check.fails(function() T.compile("{% else %}", "t.tpl") end, "outside an {% if %}")
  check.fails(function() T.compile("{% while x %}", "t.tpl") end, "unknown statement")
  check.fails(function() T.compile("{{ x", "t.tpl") end, "t.tpl:1: {{ without }}")
  check.fails(function() T.compile("\n\n{{ 1 + }}", "t.tpl") end, "t.tpl:3:")
end)

check.case("runtime errors name the template line, also from helpers", function()
  local t = T.compile("a\n\n{{ x.y }}", "r.tpl")
  check.fails(function() t:render({}) end, "r.tpl:3: attempt to index")
  local h = T.compile("\n{{ boom() }}", "h.tpl")
  check.fails(function() h:render({ boom = function() error("inside") end }) end, "h.tpl:2:")
end)

check.case("a compiled template renders again with another context", function()
  local t = T.compile("{{ n }}", "n.tpl")
  check.eq(t:render({ n = 1 }) .. t:render({ n = 2 }), "12", "two renderings")
end)

check.done()
