-- A small test harness for the Lua library's tests: named cases, each
-- run under pcall so one failure does not hide the others; done() exits
-- with an error naming every failed case.
local check = {}
local failed, cases = {}, 0

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

-- check.case(name, fn): runs fn, recording a failure with its message.
function check.case(name, fn)
  cases = cases + 1
  local ok, err = xpcall(fn, debug.traceback)
  if not ok then
    failed[#failed + 1] = name
    io.stderr:write("FAIL ", name, ": ", tostring(err), "\n")
  end
end

function check.eq(got, want, what)
  if got ~= want then
    error(string.format("%s: expected %s, got %s", what or "value", show(want), show(got)), 2)
  end
end

function check.truthy(v, what)
  if not v then error((what or "condition") .. " does not hold", 2) end
end

function check.contains(s, needle, what)
  if type(s) ~= "string" or not s:find(needle, 1, true) then
    error(string.format("%s: %s lacks %s", what or "text", show(s), show(needle)), 2)
  end
end

function check.lacks(s, needle, what)
  if type(s) == "string" and s:find(needle, 1, true) then
    error(string.format("%s: %s contains %s", what or "text", show(s), show(needle)), 2)
  end
end

-- check.fails(fn, needle): fn raises an error whose message holds needle.
function check.fails(fn, needle, what)
  local ok, err = pcall(fn)
  if ok then error((what or "call") .. " did not fail", 2) end
  if needle and not tostring(err):find(needle, 1, true) then
    error(string.format("%s: error %s lacks %s", what or "call", show(tostring(err)), show(needle)), 2)
  end
end

-- check.count(s, pattern) -> how many times the Lua pattern matches
function check.count(s, pattern)
  local _, n = s:gsub(pattern, "")
  return n
end

function check.done()
  if #failed > 0 then
    error(string.format("%d of %d cases failed: %s", #failed, cases, table.concat(failed, ", ")), 0)
  end
  print(string.format("ok (%d cases)", cases))
end

return check
