-- scripts/edu/regions.lua: region names as people write them, levels as
-- 省/市/县, and unknown names as errors with a suggestion.
local check = require("check")

check.case("short names resolve to full names", function()
  check.eq(edu.region("无锡"), "无锡市", "无锡")
  check.eq(edu.region("无锡市"), "无锡市", "full name")
  check.eq(edu.region("江苏"), "江苏省", "江苏")
  check.eq(edu.region("内蒙古"), "内蒙古自治区", "内蒙古")
  check.eq(edu.region(" 太仓 "), "太仓市", "blanks")
  check.eq(edu.region("南京"), "南京市", "a region with no documents is still a region")
  check.eq(edu.region(nil), nil, "nil")
end)

check.case("levels in Chinese", function()
  check.eq(edu.level("省"), "province", "省")
  check.eq(edu.level("市"), "prefecture", "市")
  check.eq(edu.level("县"), "county", "县")
  check.eq(edu.level("province"), "province", "stored names")
  check.fails(function() edu.level("州") end, "no level 州")
end)

check.case("unknown names: an error with a suggestion", function()
  check.fails(function() edu.region("无希") end, "no region 无希; did you mean 无锡市?")
  check.fails(function() edu.region("Atlantis") end, "no region Atlantis")
end)

check.case("the filters of the library take them", function()
  check.eq(#edu.docs{ region = "无锡" }, 4, "edu.docs")
  check.eq(#edu.docs{ region = "无锡", level = "市" }, 4, "level")
  check.eq(#edu.docs{ level = "县" }, 1, "县: 太仓市")
  check.truthy(#edu.indicators{ region = "太仓" } > 0, "edu.indicators")
  check.truthy(#edu.series{ region = "无锡", metric = "普惠性幼儿园覆盖率" } >= 2, "edu.series")
  check.truthy(#edu.plan_vs_actual{ region = "无锡" } > 0, "edu.plan_vs_actual")
  check.fails(function() edu.docs{ region = "无希" } end, "did you mean 无锡市?")
  check.fails(function() edu.series{ region = "无希", metric = "普惠性幼儿园覆盖率" } end, "no region 无希")
  -- the error points at the caller, not inside the library
  local ok, err = pcall(function() return edu.docs{ region = "无希" } end)
  check.truthy(not ok and err:find("test_regions.lua:%d+:"), "position of the caller: " .. tostring(err))
end)

check.done()
