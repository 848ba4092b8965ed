-- Charts as inline SVG, so an HTML report needs no script and no network:
-- chart.bars for rankings (horizontal bars, one per row, value at the end)
-- and chart.lines for series (one line per series, a point and its value
-- at each year). Both name the unit on the axis, with 万 or 亿 when the
-- figures are large (3723.35 on an axis of 亿元), draw ranges as ranges
-- and return nil when there is nothing to draw, so no empty axis appears.
-- Series lines break where years are missing, and half-year figures
-- (from 上半年 reports) are hollow points marked 上半年.
local format = require("edu.format")

local chart = {}

local FONT = "font-family=\"Noto Sans CJK SC,Source Han Sans SC,WenQuanYi Micro Hei,sans-serif\""
local COLORS = { "#3b6ea8", "#d9822b", "#4c9a5b", "#b5485d", "#7a5ea8", "#8c7a3b" }

local html_escape = require("edu.template").html_escape
local function esc(s) return html_escape(tostring(s)) end

-- Width of text in pixels at a font size: East Asian characters take a
-- full em, others a little over half.
local function is_wide(c) return c >= 0x1100 and (c <= 0x115F or c >= 0x2E80) end

local function text_width(s, size)
  local w = 0
  for _, c in utf8.codes(tostring(s)) do w = w + (is_wide(c) and 1 or 0.6) end
  return w * size
end
chart.text_width = text_width

-- Columns a string takes in monospaced text.
local function columns(s)
  local w = 0
  for _, c in utf8.codes(tostring(s)) do w = w + (is_wide(c) and 2 or 1) end
  return w
end

-- Round tick steps (1, 2, 5 times a power of ten) covering [lo, hi]. A
-- single value gets an axis from zero (all zeros: 0 to 1).
local function ticks(lo, hi, want)
  if lo == hi then
    if lo == 0 then hi = 1
    elseif lo > 0 then lo = 0
    else hi = 0 end
  end
  local raw = (hi - lo) / (want or 5)
  local mag = 10 ^ math.floor(math.log(raw, 10))
  local step = mag
  for _, m in ipairs({ 1, 2, 5, 10 }) do
    step = m * mag
    if step >= raw then break end
  end
  local first, last = math.floor(lo / step) * step, math.ceil(hi / step) * step
  local out = {}
  for i = 0, math.floor((last - first) / step + 0.5) do out[#out + 1] = first + i * step end
  return out, first, last
end
chart.ticks = ticks

-- The magnitude of an axis: divisor and the unit as the axis names it
-- (亿元 for figures in 元 around 10^11).
local function axis_scale(max_abs, unit)
  local divisor, magnitude = format.scale(max_abs, unit)
  return divisor, magnitude .. (unit or "")
end
chart.axis_scale = axis_scale

-- A figure as a label: number and magnitude (the axis names the unit).
local function label(v, unit, hi) return format.figure(v, unit, { hi = hi, bare = true }) end

local function fmt(n) return string.format("%.1f", n) end

local function text(x, y, s, attrs)
  return string.format('<text x="%s" y="%s"%s>%s</text>', fmt(x), fmt(y), attrs and (" " .. attrs) or "", esc(s))
end

local function open_svg(class, width, height, title)
  return string.format('<svg xmlns="http://www.w3.org/2000/svg" class="es-chart %s" width="%d" height="%d" '
    .. 'viewBox="0 0 %d %d" role="img" aria-label="%s" %s font-size="12">', class, width, height,
    width, height, esc(title or ""), FONT)
    .. (title and ("<title>" .. esc(title) .. "</title>") or "")
end

---------------------------------------------------------------------------
--- chart.bars(rows, {label="region", value="value", hi="value_hi", title=, unit=, width=, highlight=}) -> svg or nil
-- One horizontal bar per row that has a value, in the order given; rows
-- without one are left out, and with none there is no chart (nil). A row
-- with an upper bound (a range, 4–5%) has its bar extended lighter to it.
-- Negative values grow left of the zero line.
function chart.bars(rows, opts)
  opts = opts or {}
  local label_key, value_key, hi_key = opts.label or "region", opts.value or "value", opts.hi or "value_hi"
  local items, max_abs = {}, 0
  for _, r in ipairs(rows) do
    local v = tonumber(r[value_key])
    if v then
      local hi = tonumber(r[hi_key])
      items[#items + 1] = { label = tostring(r[label_key] or ""), value = v, hi = hi }
      max_abs = math.max(max_abs, math.abs(v), hi and math.abs(hi) or 0)
    end
  end
  if #items == 0 then return nil end
  local title, unit = opts.title, opts.unit or (rows[1] and rows[1].unit) or ""
  local divisor, axis_unit = axis_scale(max_abs, unit)
  local width, bar_h, gap = opts.width or 640, 18, 6
  local label_w = 0
  for _, it in ipairs(items) do label_w = math.max(label_w, text_width(it.label, 12)) end
  local left, right, top = label_w + 16, 72, title and 34 or 12
  local plot_w = width - left - right
  local lo, hi = 0, 0
  for _, it in ipairs(items) do
    lo, hi = math.min(lo, it.value / divisor), math.max(hi, (it.hi or it.value) / divisor, it.value / divisor)
  end
  local tick_values, first, last = ticks(lo, hi, 5)
  local function x(v) return left + (v / divisor - first) / (last - first) * plot_w end
  local function xs(t) return left + (t - first) / (last - first) * plot_w end
  local plot_h = #items * (bar_h + gap)
  local height = top + plot_h + 44
  local out = { open_svg("es-bar-chart", width, height, title) }
  if title then out[#out + 1] = text(width / 2, 20, title, 'text-anchor="middle" font-size="14" font-weight="bold"') end
  local axis_y = top + plot_h
  for _, t in ipairs(tick_values) do
    out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%s" stroke="#ddd"/>', fmt(xs(t)), top, fmt(xs(t)), fmt(axis_y))
    out[#out + 1] = text(xs(t), axis_y + 16, format.number(t), 'class="es-tick" text-anchor="middle" fill="#555"')
  end
  out[#out + 1] = string.format('<line class="es-axis" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>',
    fmt(left), fmt(axis_y), fmt(left + plot_w), fmt(axis_y))
  local axis_name = opts.axis or ""
  out[#out + 1] = text(left + plot_w / 2, axis_y + 34, axis_unit ~= "" and (axis_name .. "（" .. axis_unit .. "）") or axis_name,
    'class="es-axis-label" text-anchor="middle" fill="#333"')
  for i, it in ipairs(items) do
    local y = top + (i - 1) * (bar_h + gap) + gap / 2
    local x0, x1 = x(math.min(0, it.value)), x(math.max(0, it.value))
    local color = (opts.highlight and opts.highlight == it.label) and COLORS[2] or COLORS[1]
    local shown = label(it.value, unit, it.hi)
    out[#out + 1] = text(left - 8, y + bar_h - 4, it.label, 'text-anchor="end"')
    out[#out + 1] = string.format('<rect class="es-bar" x="%s" y="%s" width="%s" height="%d" fill="%s"><title>%s: %s</title></rect>',
      fmt(x0), fmt(y), fmt(math.max(x1 - x0, 1)), bar_h, color, esc(it.label), esc(format.figure(it.value, unit, { hi = it.hi })))
    local xend = x1
    if it.hi and it.hi > it.value then
      xend = x(it.hi)
      out[#out + 1] = string.format('<rect class="es-range" x="%s" y="%s" width="%s" height="%d" fill="%s" fill-opacity="0.4"/>',
        fmt(x1), fmt(y), fmt(math.max(xend - x1, 1)), bar_h, color)
    end
    local vx = it.value < 0 and x0 - 4 or xend + 4
    out[#out + 1] = text(vx, y + bar_h - 4, shown, 'class="es-value" text-anchor="' .. (it.value < 0 and "end" or "start") .. '"')
  end
  out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%s" stroke="#333"/>', fmt(x(0)), top, fmt(x(0)), fmt(axis_y))
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

---------------------------------------------------------------------------
-- The series of a chart.lines call: one list of points, or a list of
-- them (each may carry .name or .region to label it in the legend).
local function as_series(data)
  if data[1] and data[1][1] then return data end
  if data[1] == nil and data.points then return { data.points } end
  return { data }
end

-- Whether a point is a half-year figure (from a 上半年 report).
local function half_year(p) return p.half or p.doc_kind == "midyear" end
chart.half_year = half_year

-- The points of a series with a value, in x order.
local function points_of(s, xk, yk, hk)
  local pts = {}
  for _, p in ipairs(s) do
    local px, py = tonumber(p[xk]), tonumber(p[yk])
    if px and py then pts[#pts + 1] = { x = px, y = py, hi = tonumber(p[hk]), half = half_year(p) } end
  end
  table.sort(pts, function(a, b) return a.x < b.x end)
  return pts
end

-- Runs of consecutive x values (years): a missing year breaks the line.
local function runs_of(pts)
  local runs, cur = {}, nil
  for _, p in ipairs(pts) do
    if cur and p.x - cur[#cur].x <= 1 then cur[#cur + 1] = p
    else cur = { p }; runs[#runs + 1] = cur end
  end
  return runs
end
chart.runs_of = runs_of

--- chart.lines(series, {x="year", y="value", hi="value_hi", title=, unit=, width=, height=, names=}) -> svg or nil
-- series is the result of edu.series, or a list of such results drawn on
-- one pair of axes. nil when no point has a value.
function chart.lines(data, opts)
  opts = opts or {}
  local xk, yk, hk = opts.x or "year", opts.y or "value", opts.hi or "value_hi"
  local all, xs_lo, xs_hi, max_abs, any_half = {}, nil, nil, 0, false
  for i, s in ipairs(as_series(data)) do
    all[i] = { source = s, points = points_of(s, xk, yk, hk) }
    for _, p in ipairs(all[i].points) do
      xs_lo, xs_hi = math.min(xs_lo or p.x, p.x), math.max(xs_hi or p.x, p.x)
      max_abs = math.max(max_abs, math.abs(p.y), p.hi and math.abs(p.hi) or 0)
      any_half = any_half or p.half
    end
  end
  if not xs_lo then return nil end
  local title = opts.title
  local first_series = all[1].source
  local unit = opts.unit or (first_series[1] and first_series[1].unit) or ""
  local divisor, axis_unit = axis_scale(max_abs, unit)
  local ys_lo, ys_hi
  for _, s in ipairs(all) do
    for _, p in ipairs(s.points) do
      local a, b = p.y / divisor, (p.hi or p.y) / divisor
      ys_lo, ys_hi = math.min(ys_lo or a, a, b), math.max(ys_hi or b, a, b)
    end
  end
  local width, height = opts.width or 560, opts.height or 280
  local legend = #all > 1 or any_half
  local left, right, top, bottom = 64, 24, title and 36 or 14, 50 + (legend and 18 or 0)
  local plot_w, plot_h = width - left - right, height - top - bottom
  local out = { open_svg("es-line-chart", width, height, title) }
  if title then out[#out + 1] = text(width / 2, 20, title, 'text-anchor="middle" font-size="14" font-weight="bold"') end
  -- Values of a share or rate rarely start at zero; the axis fits the data.
  local pad = (ys_hi - ys_lo) * 0.1
  local y_ticks, y0, y1 = ticks(ys_lo - pad, ys_hi + pad, 5)
  if xs_lo == xs_hi then xs_lo, xs_hi = xs_lo - 1, xs_hi + 1 end
  -- Points keep a little distance from the axes so their labels stay clear.
  local inset = 16
  local function X(v) return left + inset + (v - xs_lo) / (xs_hi - xs_lo) * (plot_w - 2 * inset) end
  local function Y(v) return top + plot_h - (v / divisor - y0) / (y1 - y0) * plot_h end
  local function Ys(t) return top + plot_h - (t - y0) / (y1 - y0) * plot_h end
  for _, t in ipairs(y_ticks) do
    out[#out + 1] = string.format('<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#ddd"/>', left, fmt(Ys(t)), left + plot_w, fmt(Ys(t)))
    out[#out + 1] = text(left - 6, Ys(t) + 4, format.number(t), 'class="es-tick" text-anchor="end" fill="#555"')
  end
  -- One tick per whole x value (years), thinned when there are many.
  local step = math.max(1, math.ceil((xs_hi - xs_lo) / 10))
  for v = math.ceil(xs_lo), math.floor(xs_hi), step do
    out[#out + 1] = text(X(v), top + plot_h + 16, string.format("%d", v), 'class="es-tick" text-anchor="middle" fill="#555"')
  end
  out[#out + 1] = string.format('<path class="es-axis" d="M%d %d V%s H%d" fill="none" stroke="#333"/>',
    left, top, fmt(top + plot_h), left + plot_w)
  out[#out + 1] = text(left + plot_w / 2, top + plot_h + 34, opts.axis or (xk == "year" and "年份" or xk), 'class="es-axis-label" text-anchor="middle" fill="#333"')
  if axis_unit ~= "" then
    out[#out + 1] = text(14, top + plot_h / 2, axis_unit, string.format(
      'class="es-axis-label" text-anchor="middle" fill="#333" transform="rotate(-90 14 %s)"', fmt(top + plot_h / 2)))
  end
  for i, s in ipairs(all) do
    local color, marks = COLORS[(i - 1) % #COLORS + 1], {}
    for _, run in ipairs(runs_of(s.points)) do
      if #run > 1 then
        local pts = {}
        for k, p in ipairs(run) do pts[k] = fmt(X(p.x)) .. "," .. fmt(Y(p.y)) end
        out[#out + 1] = string.format('<polyline class="es-line" points="%s" fill="none" stroke="%s" stroke-width="2"/>',
          table.concat(pts, " "), color)
      end
    end
    for _, p in ipairs(s.points) do
      local px, py = fmt(X(p.x)), fmt(Y(p.y))
      if p.hi and p.hi ~= p.y then
        local ph = fmt(Y(p.hi))
        marks[#marks + 1] = string.format('<path class="es-range" d="M%s %s V%s M%s %s h8 M%s %s h8" stroke="%s" stroke-width="1.5" fill="none"/>',
          px, py, ph, fmt(X(p.x) - 4), py, fmt(X(p.x) - 4), ph, color)
      end
      local shown = label(p.y, unit, p.hi) .. (p.half and "（上半年）" or "")
      marks[#marks + 1] = string.format('<circle class="es-point%s" cx="%s" cy="%s" r="3.5" fill="%s" stroke="%s" stroke-width="1.5"><title>%d: %s</title></circle>',
        p.half and " es-half" or "", px, py, p.half and "#fff" or color, color, p.x, esc(format.figure(p.y, unit, { hi = p.hi }) .. (p.half and "（上半年）" or "")))
      marks[#marks + 1] = text(X(p.x), Y(math.max(p.y, p.hi or p.y)) - 8, shown, 'class="es-value" text-anchor="middle" fill="' .. color .. '"')
    end
    out[#out + 1] = table.concat(marks, "\n")
    if #all > 1 then
      local name = (opts.names and opts.names[i]) or s.source.name or s.source.region or ("系列" .. i)
      local lx = left + (i - 1) * (plot_w / #all)
      out[#out + 1] = string.format('<rect x="%s" y="%d" width="12" height="4" fill="%s"/>', fmt(lx), height - 14, color)
      out[#out + 1] = text(lx + 16, height - 9, name)
    end
  end
  if any_half and #all == 1 then
    out[#out + 1] = string.format('<circle cx="%d" cy="%d" r="3.5" fill="#fff" stroke="#555"/>', left, height - 12)
    out[#out + 1] = text(left + 8, height - 8, "空心点：上半年数据", 'class="es-legend" fill="#555"')
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

---------------------------------------------------------------------------
--- chart.text_bars(rows, {label=, value=, hi=, unit=, width=}) -> a bar chart in text, for Markdown (nil when empty)
function chart.text_bars(rows, opts)
  opts = opts or {}
  local label_key, value_key, hi_key, width = opts.label or "region", opts.value or "value", opts.hi or "value_hi", opts.width or 30
  local items, max_abs, label_w = {}, 0, 0
  for _, r in ipairs(rows) do
    local v = tonumber(r[value_key])
    if v then
      local name = tostring(r[label_key] or "")
      items[#items + 1] = { label = name, value = v, hi = tonumber(r[hi_key]), unit = opts.unit or r.unit }
      max_abs = math.max(max_abs, math.abs(v))
      label_w = math.max(label_w, columns(name))
    end
  end
  if #items == 0 then return nil end
  local lines = {}
  for _, it in ipairs(items) do
    local n = max_abs > 0 and math.floor(math.abs(it.value) / max_abs * width + 0.5) or 0
    local pad = string.rep(" ", label_w - columns(it.label))
    lines[#lines + 1] = it.label .. pad .. "  " .. string.rep(it.value < 0 and "░" or "█", n) .. " "
      .. format.figure(it.value, it.unit, { hi = it.hi })
  end
  return table.concat(lines, "\n")
end

return chart
