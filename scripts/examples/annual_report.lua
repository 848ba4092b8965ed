-- Writes the annual report of a region as Markdown and HTML.
--   edushell run scripts/examples/annual_report.lua [REGION [YEAR [DIRECTORY]]]
-- (edushell report annual_report ... does the same for one format, with a
-- lock, an atomic write and a record in the runs table: use it from cron.)
local region = arg[1] or "无锡市"
local year = tonumber(arg[2] or "2021")
local dir = arg[3] or "."

for _, format in ipairs({"md", "html"}) do
  local text = edu.report("annual_report", {region = region, year = year, format = format})
  local path = string.format("%s/%s-%d.%s", dir, region, year, format)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
  local charts = select(2, text:gsub("<svg", ""))
  local links = select(2, text:gsub(format == "html" and 'href="#ind%-' or "%(#ind%-", ""))
  print(string.format("%s: %d bytes, %d charts, %d figures linked to their sentence", path, #text, charts, links))
end
