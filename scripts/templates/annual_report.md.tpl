{# Annual report for one region: edushell report annual_report --region R [--year Y] #}
{% if not region %}
{{ error("annual_report: a region is required (--region R)") }}
{% end %}
{% set year = year or latest_year(region) %}
# {{ region }}{% if year %} {{ year }} 年度{% end %}教育指标报告

生成时间：{{ generated }}。每个数字都链接到它所在的原文句子（见文末“来源”）。

## 文档

{% set docs = documents(region) %}
{% if #docs == 0 %}
没有{{ region }}的文档。
{% else %}
{{ tabulate(docs, {"label", {"kind", code = "doc_kind"}, "year", "issued", "indicators"}) }}
{% end %}

## 关键指标{% if year %}（{{ year }} 年，按类别）{% end %}

{% set groups = year and key_indicators(region, year) or {} %}
{% if #groups == 0 %}
没有归入规范指标的数值。
{% end %}
{% for g in groups %}
### {{ g.category }}

{{ tabulate(g.rows, {"metric", {"value", unit = "unit", hi = "value_hi", cmp = "cmp", cite = "indicator"}, "doc"}) }}

{% end %}
## 历年变化

{% set all_series = series_list(region, 2) %}
{% if #all_series == 0 %}
没有两年以上的规范指标数值。
{% end %}
{% for s in all_series %}
- **{{ s.name }}**：{{ lines(s) }}
{% end %}

## 目标与完成

{% set plans = edu.plan_vs_actual{region = region} %}
{% if #plans == 0 %}
没有提取到目标。
{% else %}
{{ tabulate(plans, {"year", "metric", {"target", unit = "unit", hi = "target_hi", cmp = "cmp", cite = "id"}, {"actual", unit = "unit"}, "status", {"gap", unit = "unit"}, "plan_doc"}) }}
{% end %}

## 排名表述

{% set claims = edu.claims{region = region, year = year} %}
{% if #claims == 0 %}
没有排名表述。
{% else %}
{{ tabulate(claims, {"metric", {"rank", title = "名次", unit = "unit", kind = "kind", cmp = "cmp", cite = "indicator"}, "scope", "doc"}) }}
{% end %}

## 来源

{{ sources() }}
