{# Annual report for one region: edushell report annual_report --region R [--year Y] --format html #}
{% if not region %}
{{ error("annual_report: a region is required (--region R)") }}
{% end %}
{% set year = year or latest_year(region) %}
{% set title = region .. (year and (" " .. year .. " 年度") or "") .. "教育指标报告" %}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<title>{{ title }}</title>
{{! include("_head") }}
</head>
<body>
<h1>{{ title }}</h1>
<p class="es-meta">生成时间：{{ generated }}。每个数字都链接到它所在的原文句子（见文末“来源”）。</p>

<h2>文档</h2>
{% set docs = documents(region) %}
{% if #docs == 0 %}
<p>没有{{ region }}的文档。</p>
{% else %}
{{! tabulate(docs, {"label", {"kind", code = "doc_kind"}, "year", "issued", "indicators"}) }}
{% end %}

<h2>关键指标{% if year %}（{{ year }} 年，按类别）{% end %}</h2>
{% set groups = year and key_indicators(region, year) or {} %}
{% if #groups == 0 %}
<p>没有归入规范指标的数值。</p>
{% end %}
{% for g in groups %}
<h3>{{ g.category }}</h3>
{{! tabulate(g.rows, {"metric", {"value", unit = "unit", hi = "value_hi", cmp = "cmp", cite = "indicator"}, "doc"}) }}
{% end %}

<h2>历年变化</h2>
{% set all_series = series_list(region, 2) %}
{% if #all_series == 0 %}
<p>没有两年以上的规范指标数值。</p>
{% end %}
{% for s in all_series %}
<section class="es-series">
{{! lines(s, {title = s.name}) }}
<p>{{! series_text(s) }}</p>
</section>
{% end %}

<h2>目标与完成</h2>
{% set plans = edu.plan_vs_actual{region = region} %}
{% if #plans == 0 %}
<p>没有提取到目标。</p>
{% else %}
{{! tabulate(plans, {"year", "metric", {"target", unit = "unit", hi = "target_hi", cmp = "cmp", cite = "id"}, {"actual", unit = "unit"}, "status", {"gap", unit = "unit"}, "plan_doc"}) }}
{% end %}

<h2>排名表述</h2>
{% set claims = edu.claims{region = region, year = year} %}
{% if #claims == 0 %}
<p>没有排名表述。</p>
{% else %}
{{! tabulate(claims, {"metric", {"rank", title = "名次", unit = "unit", kind = "kind", cmp = "cmp", cite = "indicator"}, "scope", "doc"}) }}
{% end %}

<h2>来源</h2>
{{! sources() }}
</body>
</html>
