{# Regions side by side: edushell report comparison --region A --region B [--year Y] #}
{% if not regions or #regions < 2 %}
{{ error("comparison: name two regions (--region A --region B)") }}
{% end %}
# {{ table.concat(regions, " 与 ") }} 对比{{ year and ("（" .. year .. " 年）") or "" }}

生成时间：{{ generated }}。带 * 的是目标值，其余为实际值；数字链接到原文句子。

## 文档与数值

{{ tabulate(region_overview(regions, year), {"region", "documents", {"actual", title = "实际值"}, {"target", title = "目标值"}, {"change", title = "变化值"}, {"rank", title = "排名"}}) }}

## 规范指标并列

{% set rows = side_by_side(regions, year) %}
{% if #rows == 0 %}
这些地区没有归入规范指标的数值。
{% else %}
| 类别 | 指标 |{% for _, region in ipairs(regions) %} {{ region }} |{% end %}
| --- | --- |{% for _, region in ipairs(regions) %} ---: |{% end %}
{% for row in rows %}
| {{ row.category }} | {{ row.metric }} |{% for _, region in ipairs(regions) %}{% set c = row.cells[region] %} {% if c %}{{ cite(c.indicator, fmt(c.value, c.unit, {hi = c.value_hi}) .. (c.kind == "target" and "*" or "")) }}（{{ c.year }}）{% else %}–{% end %} |{% end %}
{% end %}
{% end %}

## 目标

{% for _, region in ipairs(regions) %}
### {{ region }}

{% set targets = edu.indicators{region = region, kind = "target", year = year} %}
{% if #targets == 0 %}
没有提取到目标。
{% else %}
{{ tabulate(targets, {"year", "metric", {"value", title = "目标", cite = "id", unit = "unit", hi = "value_hi", cmp = "cmp"}, "doc"}) }}
{% end %}

{% end %}
## 排名表述

{% for _, region in ipairs(regions) %}
### {{ region }}

{% set claims = edu.claims{region = region, year = year} %}
{% if #claims == 0 %}
没有排名表述。
{% else %}
{% for c in claims %}
- {{ c.year }} {{ c.metric }}：{{ c.scope }}{{ cite(c.indicator, fmt(c.rank, c.unit, {kind = "rank", cmp = c.cmp})) }}
{% end %}
{% end %}

{% end %}
## 来源

{{ sources() }}
