-- Charts as inline SVG, so an HTML report needs no script and no network:
-- chart.bars for rankings (horizontal bars, one per row, value at the end)
-- and chart.lines for series (one line per series, a point and its value
-- at each year). Both draw axes with tick labels and name the unit.
local chart = {}

local FONT = "font-family=\"Noto Sans CJK SC,Source Han Sans SC,WenQuanYi Micro Hei,sans-serif\""
local COLORS = { "#3b6ea8", "#d9822b", "#4c9a5b", "#b5485d", "#7a5ea8", "#8c7a3b" }

local html_escape = require("edu.template").html_escape
local function esc(s) return html_escape(tostring(s)) end

local cell = require("edu.rows").cell
local function num(v) return cell(v, 4) end
chart.number = num

-- Width of text in pixels at a font size: East Asian characters take a
-- full em, others a little over half.
local function is_wide(c) return c >= 0x1100 and (c <= 0x115F or c >= 0x2E80) end

local function text_width(s, size)
  local w = 0
  for _, c in utf8.codes(tostring(s)) do w = w + (is_wide(c) and 1 or 0.6) end
  return w * size
end

-- Columns a string takes in monospaced text.
local function columns(s)
  local w = 0
  for _, c in utf8.codes(tostring(s)) do w = w + (is_wide(c) and 2 or 1) end
  return w
end
chart.text_width = text_width

-- Round tick steps (1, 2, 5 times a power of ten) covering [lo, hi].
local function ticks(lo, hi, want)
  if lo == hi then lo, hi = lo - 1, hi + 1 end
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
--- chart.bars(rows, {label="region", value="value", title=, unit=, width=, highlight=}) -> svg
-- One horizontal bar per row that has a value, in the order given; rows
-- without one are left out. Negative values grow left of the zero line.
function chart.bars(rows, opts)
  opts = opts or {}
  local label_key, value_key = opts.label or "region", opts.value or "value"
  local items = {}
  for _, r in ipairs(rows) do
    local v = tonumber(r[value_key])
    if v then items[#items + 1] = { label = tostring(r[label_key] or ""), value = v } end
  end
  local title, unit = opts.title, opts.unit or (rows[1] and rows[1].unit) or ""
  local width, bar_h, gap = opts.width or 640, 18, 6
  local label_w = 0
  for _, it in ipairs(items) do label_w = math.max(label_w, text_width(it.label, 12)) end
  local left, right, top = label_w + 16, 56, title and 34 or 12
  local plot_w = width - left - right
  local lo, hi = 0, 0
  for _, it in ipairs(items) do lo, hi = math.min(lo, it.value), math.max(hi, it.value) end
  local tick_values, first, last = ticks(lo, hi, 5)
  local function x(v) return left + (v - first) / (last - first) * plot_w end
  local plot_h = math.max(1, #items) * (bar_h + gap)
  local height = top + plot_h + 44
  local out = { open_svg("es-bar-chart", width, height, title) }
  if title then out[#out + 1] = text(width / 2, 20, title, 'text-anchor="middle" font-size="14" font-weight="bold"') end
  local axis_y = top + plot_h
  for _, t in ipairs(tick_values) do
    out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%s" stroke="#ddd"/>', fmt(x(t)), top, fmt(x(t)), fmt(axis_y))
    out[#out + 1] = text(x(t), axis_y + 16, num(t), 'text-anchor="middle" fill="#555"')
  end
  out[#out + 1] = string.format('<line class="es-axis" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>',
    fmt(left), fmt(axis_y), fmt(left + plot_w), fmt(axis_y))
  out[#out + 1] = text(left + plot_w / 2, axis_y + 34, unit ~= "" and (opts.axis or "") .. "（" .. unit .. "）" or (opts.axis or ""),
    'class="es-axis-label" text-anchor="middle" fill="#333"')
  for i, it in ipairs(items) do
    local y = top + (i - 1) * (bar_h + gap) + gap / 2
    local x0, x1 = x(math.min(0, it.value)), x(math.max(0, it.value))
    local color = (opts.highlight and opts.highlight == it.label) and COLORS[2] or COLORS[1]
    out[#out + 1] = text(left - 8, y + bar_h - 4, it.label, 'text-anchor="end"')
    out[#out + 1] = string.format('<rect class="es-bar" x="%s" y="%s" width="%s" height="%d" fill="%s"><title>%s: %s%s</title></rect>',
      fmt(x0), fmt(y), fmt(math.max(x1 - x0, 1)), bar_h, color, esc(it.label), esc(num(it.value)), esc(unit))
    local vx = it.value < 0 and x0 - 4 or x1 + 4
    out[#out + 1] = text(vx, y + bar_h - 4, num(it.value), 'class="es-value" text-anchor="' .. (it.value < 0 and "end" or "start") .. '"')
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

--- chart.lines(series, {x="year", y="value", title=, unit=, width=, height=, names=}) -> svg
-- series is the result of edu.series, or a list of such results drawn on
-- one pair of axes.
function chart.lines(data, opts)
  opts = opts or {}
  local xk, yk = opts.x or "year", opts.y or "value"
  local all = as_series(data)
  local xs_lo, xs_hi, ys_lo, ys_hi
  for _, s in ipairs(all) do
    for _, p in ipairs(s) do
      local px, py = tonumber(p[xk]), tonumber(p[yk])
      if px and py then
        xs_lo, xs_hi = math.min(xs_lo or px, px), math.max(xs_hi or px, px)
        ys_lo, ys_hi = math.min(ys_lo or py, py), math.max(ys_hi or py, py)
      end
    end
  end
  local title = opts.title
  local unit = opts.unit or (all[1] and all[1][1] and all[1][1].unit) or ""
  local width, height = opts.width or 560, opts.height or 280
  local left, right, top, bottom = 56, 24, title and 36 or 14, 50 + (#all > 1 and 18 or 0)
  local plot_w, plot_h = width - left - right, height - top - bottom
  local out = { open_svg("es-line-chart", width, height, title) }
  if title then out[#out + 1] = text(width / 2, 20, title, 'text-anchor="middle" font-size="14" font-weight="bold"') end
  if not xs_lo then
    out[#out + 1] = text(width / 2, height / 2, "no data", 'text-anchor="middle" fill="#888"')
    out[#out + 1] = "</svg>"
    return table.concat(out, "\n")
  end
  -- Values of a share or rate rarely start at zero; the axis fits the data.
  local pad = (ys_hi - ys_lo) * 0.1
  local y_ticks, y0, y1 = ticks(ys_lo - pad, ys_hi + pad, 5)
  if xs_lo == xs_hi then xs_lo, xs_hi = xs_lo - 1, xs_hi + 1 end
  -- Points keep a little distance from the axes so their labels stay clear.
  local inset = 16
  local function X(v) return left + inset + (v - xs_lo) / (xs_hi - xs_lo) * (plot_w - 2 * inset) end
  local function Y(v) return top + plot_h - (v - y0) / (y1 - y0) * plot_h end
  for _, t in ipairs(y_ticks) do
    out[#out + 1] = string.format('<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#ddd"/>', left, fmt(Y(t)), left + plot_w, fmt(Y(t)))
    out[#out + 1] = text(left - 6, Y(t) + 4, num(t), 'text-anchor="end" fill="#555"')
  end
  -- One tick per whole x value (years), thinned when there are many.
  local step = math.max(1, math.ceil((xs_hi - xs_lo) / 10))
  for v = math.ceil(xs_lo), math.floor(xs_hi), step do
    out[#out + 1] = text(X(v), top + plot_h + 16, num(v), 'text-anchor="middle" fill="#555"')
  end
  out[#out + 1] = string.format('<path class="es-axis" d="M%d %d V%s H%d" fill="none" stroke="#333"/>',
    left, top, fmt(top + plot_h), left + plot_w)
  out[#out + 1] = text(left + plot_w / 2, top + plot_h + 34, opts.axis or (xk == "year" and "年份" or xk), 'class="es-axis-label" text-anchor="middle" fill="#333"')
  if unit ~= "" then
    out[#out + 1] = text(14, top + plot_h / 2, unit, string.format(
      'class="es-axis-label" text-anchor="middle" fill="#333" transform="rotate(-90 14 %s)"', fmt(top + plot_h / 2)))
  end
  for i, s in ipairs(all) do
    local color, pts, marks = COLORS[(i - 1) % #COLORS + 1], {}, {}
    for _, p in ipairs(s) do
      local px, py = tonumber(p[xk]), tonumber(p[yk])
      if px and py then
        pts[#pts + 1] = fmt(X(px)) .. "," .. fmt(Y(py))
        marks[#marks + 1] = string.format('<circle class="es-point" cx="%s" cy="%s" r="3.5" fill="%s"><title>%s: %s%s</title></circle>',
          fmt(X(px)), fmt(Y(py)), color, esc(num(px)), esc(num(py)), esc(unit))
        marks[#marks + 1] = text(X(px), Y(py) - 8, num(py), 'class="es-value" text-anchor="middle" fill="' .. color .. '"')
      end
    end
    out[#out + 1] = string.format('<polyline class="es-line" points="%s" fill="none" stroke="%s" stroke-width="2"/>',
      table.concat(pts, " "), color)
    out[#out + 1] = table.concat(marks, "\n")
    if #all > 1 then
      local name = (opts.names and opts.names[i]) or s.name or s.region or ("series " .. i)
      local lx = left + (i - 1) * (plot_w / #all)
      out[#out + 1] = string.format('<rect x="%s" y="%d" width="12" height="4" fill="%s"/>', fmt(lx), height - 14, color)
      out[#out + 1] = text(lx + 16, height - 9, name)
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

---------------------------------------------------------------------------
--- chart.text_bars(rows, {label=, value=, width=}) -> a bar chart in text, for Markdown
function chart.text_bars(rows, opts)
  opts = opts or {}
  local label_key, value_key, width = opts.label or "region", opts.value or "value", opts.width or 30
  local items, max_abs, label_w = {}, 0, 0
  for _, r in ipairs(rows) do
    local v = tonumber(r[value_key])
    if v then
      local label = tostring(r[label_key] or "")
      items[#items + 1] = { label = label, value = v }
      max_abs = math.max(max_abs, math.abs(v))
      label_w = math.max(label_w, columns(label))
    end
  end
  local lines = {}
  for _, it in ipairs(items) do
    local n = max_abs > 0 and math.floor(math.abs(it.value) / max_abs * width + 0.5) or 0
    local pad = string.rep(" ", label_w - columns(it.label))
    lines[#lines + 1] = it.label .. pad .. "  " .. string.rep(it.value < 0 and "░" or "█", n) .. " " .. num(it.value)
  end
  return table.concat(lines, "\n")
end

return chart
