{# Regions side by side: edushell report comparison --region A --region B [--year Y] --format html #}
{% if not regions or #regions < 2 %}
{{ error("comparison: name two regions (--region A --region B)") }}
{% end %}
{% set title = table.concat(regions, " 与 ") .. " 对比" .. (year and ("（" .. year .. " 年）") or "") %}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<title>{{ title }}</title>
{{! include("_head") }}
</head>
<body>
<h1>{{ title }}</h1>
<p class="es-meta">生成时间：{{ generated }}。带 * 的是目标值，其余为实际值；数字链接到原文句子。</p>

<h2>文档与数值</h2>
{% set overview = region_overview(regions, year) %}
{{! tabulate(overview, {"region", "documents", {"actual", title = "实际值"}, {"target", title = "目标值"}, {"change", title = "变化值"}, {"rank", title = "排名"}}) }}
{{! bars(overview, {title = "提取的实际值数量", label = "region", value = "actual", unit = "个"}) }}

<h2>规范指标并列</h2>
{% set rows = side_by_side(regions, year) %}
{% if #rows == 0 %}
<p>这些地区没有归入规范指标的数值。</p>
{% else %}
<table>
<thead><tr><th>类别</th><th>指标</th>{% for _, region in ipairs(regions) %}<th>{{ region }}</th>{% end %}</tr></thead>
<tbody>
{% for row in rows %}
<tr><td>{{ row.category }}</td><td>{{ row.metric }}</td>{% for _, region in ipairs(regions) %}{% set c = row.cells[region] %}<td class="num">{% if c %}{{! cite(c.indicator, fmt(c.value, c.unit, {hi = c.value_hi}) .. (c.kind == "target" and "*" or "")) }}（{{ c.year }}）{% else %}–{% end %}</td>{% end %}</tr>
{% end %}
</tbody>
</table>
{% for row in rows %}
{% set values = cell_values(row, regions) %}
{% if #values == #regions %}
{{! bars(values, {title = row.metric, label = "region", value = "value", unit = row.unit}) }}
{% end %}
{% end %}
{% end %}

<h2>目标</h2>
{% for _, region in ipairs(regions) %}
<h3>{{ region }}</h3>
{% set targets = edu.indicators{region = region, kind = "target", year = year} %}
{% if #targets == 0 %}
<p>没有提取到目标。</p>
{% else %}
{{! tabulate(targets, {"year", "metric", {"value", title = "目标", cite = "id", unit = "unit", hi = "value_hi", cmp = "cmp"}, "doc"}) }}
{% end %}
{% end %}

<h2>排名表述</h2>
{% for _, region in ipairs(regions) %}
<h3>{{ region }}</h3>
{% set claims = edu.claims{region = region, year = year} %}
{% if #claims == 0 %}
<p>没有排名表述。</p>
{% else %}
<ul>
{% for c in claims %}
<li>{{ c.year }} {{ c.metric }}：{{ c.scope }}{{! cite(c.indicator, fmt(c.rank, c.unit, {kind = "rank", cmp = c.cmp})) }}</li>
{% end %}
</ul>
{% end %}
{% end %}

<h2>来源</h2>
{{! sources() }}
</body>
</html>
