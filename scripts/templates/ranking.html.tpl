{# Ranking across regions: edushell report ranking --set metric=M [--set kind=target] [--set level=province] [--year Y] --format html #}
{% if not args.metric %}
{{ error("ranking: name a metric (--set metric=NAME)") }}
{% end %}
{% set r = edu.rank{metric = args.metric, year = year, kind = args.kind, level = args.level} %}
{% set ranked, missing = split_ranking(r) %}
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<title>{{ r.metric_name }}{{ year and (" " .. year) or "" }} 排名</title>
{{! include("_head") }}
</head>
<body>
<h1>{{ r.metric_name }}{{ year and (" " .. year) or "" }} 排名</h1>
<p class="es-meta">指标：{{ r.metric_name }}（{{ r.metric }}），{{ word("kind", r.kind) }}值。生成时间：{{ generated }}。</p>
{% if #ranked == 0 %}
<p>没有地区有这个指标的数值。</p>
{% else %}
<p>共 {{ #ranked }} 个地区有数值；最高 {{ ranked[1].region }} {{ figure(ranked[1]) }}，最低 {{ ranked[#ranked].region }} {{ figure(ranked[#ranked]) }}。</p>
{{! bars(ranked, {title = r.metric_name, label = "region", value = "value", highlight = args.highlight}) }}
{{! tabulate(ranked, {"rank", "region", {"value", cite = "indicator", unit = "unit", hi = "value_hi", cmp = "cmp"}, "year", "doc"}) }}
{% end %}
{% if #missing > 0 %}
<p>没有数值的地区：{{ table.concat(missing, "、") }}。</p>
{% end %}
<h2>来源</h2>
{{! sources() }}
</body>
</html>
