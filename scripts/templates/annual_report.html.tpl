{# Annual report for one region: edushell report annual_report --region R [--year Y] --format html #}
{% if not region %}
{{ error("annual_report: a region is required (--region R)") }}
{% end %}
{% set year = year or latest_year(region) %}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<title>{{ region }} {{ year }} 年度教育指标报告</title>
{{! include("_head") }}
</head>
<body>
<h1>{{ region }} {{ year }} 年度教育指标报告</h1>
<p class="es-meta">生成时间：{{ generated }}。每个数字都链接到它所在的原文句子（见文末“来源”）。</p>

<h2>文档</h2>
{{! tabulate(edu.docs{region = region}, {"name", "year", "kind", "title", "indicators"}) }}

<h2>关键指标（{{ year }} 年，按类别）</h2>
{% set groups = key_indicators(region, year) %}
{% if #groups == 0 %}
<p>{{ year }} 年没有归入规范指标的数值。</p>
{% end %}
{% for g in groups %}
<h3>{{ g.category }}</h3>
{{! tabulate(g.rows, {"metric", {"value", unit = "unit", hi = "value_hi", cite = "indicator"}, "cmp", "doc"}) }}
{% end %}

<h2>历年变化</h2>
{% set all_series = series_list(region, 2) %}
{% if #all_series == 0 %}
<p>没有两年以上的规范指标数值。</p>
{% end %}
{% for s in all_series %}
<section class="es-series">
{{! lines(s, {title = s.name}) }}
<p>{% for i, p in s %}{% if i > 1 %} → {% end %}{{ p.year }}: {{! cite(p.indicator, fmt(p.value, p.unit)) }}{% end %}</p>
</section>
{% end %}

<h2>目标与完成</h2>
{% set plans = edu.plan_vs_actual{region = region} %}
{% if #plans == 0 %}
<p>没有提取到目标。</p>
{% else %}
<table>
<thead><tr><th>year</th><th>metric</th><th>target</th><th>actual</th><th>status</th><th>gap</th><th>plan_doc</th></tr></thead>
<tbody>
{% for p in plans %}
<tr><td>{{ p.year }}</td><td>{{ p.metric }}</td><td class="num">{{! cite(p.id, fmt(p.target, p.unit)) }}</td><td class="num">{{ p.actual and fmt(p.actual, p.unit) }}</td><td class="{{ p.status:gsub(' ', '-') }}">{{ p.status }}</td><td class="num">{{ p.gap }}</td><td>{{ p.plan_doc }}</td></tr>
{% end %}
</tbody>
</table>
{% end %}

<h2>排名表述</h2>
{% set claims = edu.claims{region = region, year = year} %}
{% if #claims == 0 %}
<p>{{ year }} 年没有排名表述。</p>
{% else %}
{{! tabulate(claims, {"metric", {"number", title = "rank", cite = "indicator"}, "scope", "doc"}) }}
{% end %}

<h2>来源</h2>
{{! sources() }}
</body>
</html>
