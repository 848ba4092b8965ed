{# Annual report for one region: edushell report annual_report --region R [--year Y] #}
{% if not region %}
{{ error("annual_report: a region is required (--region R)") }}
{% end %}
{% set year = year or latest_year(region) %}
# {{ region }} {{ year }} 年度教育指标报告

生成时间：{{ generated }}。每个数字都链接到它所在的原文句子（见文末“来源”）。

## 文档

{{ tabulate(edu.docs{region = region}, {"name", "year", "kind", "title", "indicators"}) }}

## 关键指标（{{ year }} 年，按类别）

{% set groups = key_indicators(region, year) %}
{% if #groups == 0 %}
{{ year }} 年没有归入规范指标的数值。
{% end %}
{% for g in groups %}
### {{ g.category }}

{{ tabulate(g.rows, {"metric", {"value", unit = "unit", hi = "value_hi", cite = "indicator"}, "cmp", "doc"}) }}

{% end %}
## 历年变化

{% for s in series_list(region, 2) %}
- **{{ s.name }}**：{% for i, p in s %}{% if i > 1 %} → {% end %}{{ p.year }}: {{ cite(p.indicator, fmt(p.value, p.unit)) }}{% end %}

{% end %}

## 目标与完成

{% set plans = edu.plan_vs_actual{region = region} %}
{% if #plans == 0 %}
没有提取到目标。
{% else %}
{{ tabulate(plans, {"year", "metric", {"target", cite = "id", unit = "unit"}, {"actual", unit = "unit"}, "status", "gap", "plan_doc"}) }}
{% end %}

## 排名表述

{% set claims = edu.claims{region = region, year = year} %}
{% if #claims == 0 %}
{{ year }} 年没有排名表述。
{% else %}
{{ tabulate(claims, {"metric", {"number", title = "rank", cite = "indicator"}, "scope", "doc"}) }}
{% end %}

## 来源

{{ sources() }}
