-- Region names as people write them: 江苏 = 江苏省, 无锡 = 无锡市,
-- 内蒙古 = 内蒙古自治区; levels as 省, 市, 县. A name that is no region is
-- an error with a suggestion (no region 无希; did you mean 无锡市?), so a
-- typo never silently gives an empty result.
local core = require("edu.core")

return function(edu)
  local regions = {}

  -- Names of loaded regions seen so far: each filter of every call asks,
  -- and a report asks hundreds of times. Loading clears it.
  local known = {}
  regions.forget = function() known = {} end

  local function loaded(name)
    if known[name] then return true end
    local found = edu.sql("SELECT 1 AS x FROM documents WHERE region = ?1 LIMIT 1", name)[1] ~= nil
      or edu.sql("SELECT 1 AS x FROM documents WHERE province = ?1 LIMIT 1", name)[1] ~= nil
    if found then known[name] = true end
    return found
  end

  local function chars(s)
    local out = {}
    for _, c in utf8.codes(s) do out[#out + 1] = c end
    return out
  end

  -- Edit distance between two names, by characters.
  local function distance(a, b)
    a, b = chars(a), chars(b)
    local prev = {}
    for j = 0, #b do prev[j] = j end
    for i = 1, #a do
      local cur = { [0] = i }
      for j = 1, #b do
        cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i] == b[j] and 0 or 1))
      end
      prev = cur
    end
    return prev[#b]
  end

  -- The closest known name to a misspelt one: loaded regions first, then
  -- the gazetteer's; nil when nothing is close.
  local function suggest(name)
    local n = utf8.len(name) or #name
    local best, best_d, best_loaded = nil, math.max(1, n // 2) + 1, false
    local function try(candidate, short, is_loaded)
      local d = math.min(distance(name, candidate), short and distance(name, short) or math.huge)
      if d < best_d or (d == best_d and is_loaded and not best_loaded) then
        best, best_d, best_loaded = candidate, d, is_loaded
      end
    end
    local here = {}
    for _, r in ipairs(edu.sql("SELECT DISTINCT region FROM documents WHERE region IS NOT NULL")) do
      here[r.region] = true
    end
    for _, r in ipairs(core.region_list() or {}) do
      try(r.name, r.short, here[r.name] ~= nil)
      here[r.name] = nil
    end
    for name in pairs(here) do try(name, nil, true) end
    return best
  end

  --- edu.region(name [, level]) -> the region's full name as stored (无锡 → 无锡市)
  -- level: as error's, for where an unknown name is reported (0: nowhere).
  -- A name of loaded documents is kept; otherwise the gazetteer's full or
  -- short name decides (the loaded one, else the highest level, when
  -- several share it). Anything else is an error naming the closest name.
  function edu.region(name, level)
    if name == nil then return nil end
    local at = level == 0 and 0 or (level or 1) + 1  -- error level: the caller's, or none for 0
    if type(name) ~= "string" then error("a region name expected, not " .. type(name), at) end
    name = name:gsub("^%s+", ""):gsub("%s+$", "")
    if loaded(name) then return name end
    local found = core.region_find(name)
    if found and #found > 0 then
      for _, r in ipairs(found) do
        if loaded(r.name) then return r.name end
      end
      return found[1].name
    end
    if not found and edu.sql("SELECT count(*) AS n FROM documents")[1].n == 0 then return name end
    local guess = suggest(name)
    error(string.format("no region %s%s", name, guess and ("; did you mean " .. guess .. "?") or ""), at)
  end

  local LEVELS = {
    ["省"] = "province", ["省级"] = "province", province = "province",
    ["市"] = "prefecture", ["地级市"] = "prefecture", ["地市"] = "prefecture", ["市级"] = "prefecture",
    prefecture = "prefecture",
    ["县"] = "county", ["县级"] = "county", ["区"] = "county", ["县区"] = "county", county = "county",
  }

  --- edu.level(text) -> province | prefecture | county (省, 市, 县 as written)
  function edu.level(text, level)
    if text == nil then return nil end
    local l = LEVELS[text]
    if not l then
      error(string.format("no level %s (省, 市 or 县; province, prefecture or county)", tostring(text)),
        (level or 1) + 1)
    end
    return l
  end

  return regions
end
