-- Help texts shown by `.help NAME` and edu.help(NAME).
return {
  ["edu.load"] = [[edu.load(path, ...) -> documents, errors
  Loads files and directories (recursively): UTF-8 or GB18030 text, HTML,
  CSV corpora with a full_text column. Returns the documents as rows
  (name, region, year, kind, indicators, status) and a list of errors.]],
  ["edu.docs"] = [[edu.docs{region=, year=, kind=, province=, level=, name=, title=, limit=} -> rows
  The loaded documents matching every filter given (name and title match substrings).
  kind: summary | plan | progress | midyear | gov-report; level: province | prefecture | county.]],
  ["edu.indicators"] = [[edu.indicators{region=, year=, kind=, metric=, unit=, doc=, limit=} -> rows
  Extracted indicators. metric matches a substring; year is the year the figure is
  about; kind: actual | target | change | rank.]],
  ["edu.sql"] = [[edu.sql(query, ...) -> rows
  Runs one SQL statement; the extra arguments are bound to ?1, ?2 ...
  Tables: documents, sections, sentences, indicators, metric_phrases, metrics, runs. Search:
  SELECT id FROM edu_sentence_search(text) gives the ids of the sentences holding
  every pair of characters of text's words, metric_phrases_fts MATCH edu_bigram_query(text)
  the metric phrases (metric_phrases; indicators.phrase_id names one) that hold them;
  edu_bigram_contains(column, text) keeps those
  holding the words (needed when a word has more than two characters), and
  edu_span_contains(s.doc_id, s.start, s.end, text) over sentence_spans s does the
  same reading only the sentence. The sentences' index is in the search file beside
  the database, written behind the rows: it holds the sentences up to
  (SELECT id FROM search_through); edu.search reads the text of any after.]],
  ["edu.search"] = [[edu.search(text [, limit]) -> rows
  Sentences containing every word of text, in the order they were loaded, with
  their document, region and year (the first limit, 100 by default; rows.total
  counts them all). Spaces and punctuation separate words; a word matches
  wherever it occurs, from one character on (教, 教师, 2026年, GDP增长).]],
  ["edu.overview"] = [[edu.overview([per_doc]) prints the documents, counts and a few indicators of each.]],
  ["edu.show"] = [[edu.show(value, ...) prints values as the REPL does (rows as aligned tables).]],
  ["rows"] = [[Query results are rows: a list of row tables with rows.columns.
  print(rows) prints them in the output mode (.mode, edu.display). Conversions:
  rows:to_csv{bom = true, display = true}, rows:to_json(), rows:to_markdown(),
  rows:to_xlsx(path, {sheet=}) (a frozen header, numbers as numbers, display columns,
  the source sentence of indicators). A result cut by its limit has rows.total.]],
  ["edu.region"] = [[edu.region(name) -> the region as stored; edu.level(name) -> province | prefecture | county
  Names as people write them: 无锡 = 无锡市, 江苏 = 江苏省, 内蒙古 = 内蒙古自治区; 省/市/县.
  An unknown name is an error naming the closest: no region 无希; did you mean 无锡市?
  Every region=, regions=, province= and level= of the edu functions takes them.]],
  ["edu.level"] = [[edu.level(name) -> province | prefecture | county, from 省, 市, 县 (or the stored names).]],
  ["edu.format"] = [[edu.format.figure(value, unit, {hi=, cmp=, kind=, bare=}) -> text
  A figure as Chinese readers write it: 3723.35亿元, 10.3万亿元, 1,234所, 92.81%, 1–2所,
  30所以上, 不超过3%, 第二. edu.format.of(row) formats a row with value, value_hi, unit,
  cmp, kind; edu.format.number(v) -> 1,234.5; edu.format.code(edu.format.KIND, "target") -> 目标.]],
  ["edu.display"] = [[edu.display.set{mode=, headers=, separator=, widths=}
  How rows print: mode column (the default), table, box, markdown, line (figures as
  written), list, tabs, csv, json, jsonl (values as stored). In the shell: .mode, .headers,
  .separator, .width; on the command line: -csv, -json, -header ...]],
  ["edu.report"] = [[edu.report(name, {region=, regions={...}, year=, format="md"|"html", ...}) -> text
  Renders the template scripts/templates/NAME.FORMAT.tpl (or the file NAME when it
  has a slash or ends in .tpl; other directories: edu.report_path). Bundled:
  annual_report (region, year), ranking (metric=, kind=, level=, year), comparison
  (regions). Extra fields reach the template as args.FIELD. From cron, use the
  command: edushell report NAME ... --out FILE (atomic, locked, recorded in runs).]],
  ["edu.render"] = [[edu.render(source, context [, format]) -> text
  Renders a template given as a string: {{ expr }} (escaped in "html"), {{! expr }} raw,
  {% for x in list %} {% if c %} {% elseif c %} {% else %} {% end %}, {% set x = e %},
  {# comment #}. The context's fields are the template's names.]],
  ["edu.runs"] = [[edu.runs([limit]) -> rows
  Recorded report runs, newest first: id, template, args, started_at, ended_at,
  status (running | ok | failed), output, error. Also .runs in the REPL.]],
  ["edu.chart"] = [[edu.chart.bars(rows, {label="region", value="value", title=, unit=}) -> SVG
edu.chart.lines(series, {title=, unit=}) -> SVG
  Inline SVG charts (bars for rankings, lines for edu.series results, or a list of
  them); edu.chart.text_bars(rows, ...) draws bars in text.]],
  ["edu.series"] = [[edu.series{region=, metric=, kind="actual"} -> rows (year, value, unit, doc, indicator)
  The values of one canonical metric for one region, one point per year. metric is
  an id, a canonical name or any phrase an alias fits. Where several documents give
  a year's value, the latest document wins (a year-end report over a midyear one).
  print(edu.series{region = "无锡市", metric = "普惠性幼儿园覆盖率"})]],
  ["edu.rank"] = [[edu.rank{metric=, year=, level=province|prefecture|county, kind=actual|target, desc=} -> rows
  One row per region: rank, region, value, value_hi, unit, cmp, year, doc. Equal values
  share a rank; regions without a value come last. The order follows the metric's
  direction (higher or lower is better) unless desc = true/false says otherwise.
  print(edu.rank{metric = "地区生产总值增长", year = 2026, kind = "target"})]],
  ["edu.compare"] = [[edu.compare{regions={...}, metrics={...} | category=, year=} -> rows
  Region x metric: one row per canonical metric (metric, unit, then a column per
  region). A target rather than an actual is marked with "*".
  print(edu.compare{regions = {"无锡市", "太仓市"}, category = "学前教育"})]],
  ["edu.plan_vs_actual"] = [[edu.plan_vs_actual{region=, year=, limit=} -> rows
  Each target of the region (year: the year it is for) with the actual of the same
  canonical metric, unit and year: status met / not met / no data, and the gap
  (actual - target). Lower-is-better metrics and <= targets are met from below.
  limit: the first targets only; rows.total counts all.]],
  ["edu.claims"] = [[edu.claims{scope=, region=, year=, limit=} -> rows
  Rank claims (位列全省第二, 全国第一 ...): region, year, metric, rank, scope, number, doc.
  limit: the first claims only; rows.total counts all.]],
  ["edu.explain"] = [[edu.explain(indicator or id) -> text
  The sentence an indicator comes from with the quantity marked 【like this】, and
  its document, region, year and byte span, and where in the file it stands: the page
  of a PDF, the sheet and cell of a workbook, the table, row and column of a table
  (counted from 1). In the REPL: .why ID]],
  ["edu.metric"] = [[edu.metric.define{id=, name=, aliases={...}, category=, unit=, direction=higher|lower}
  edu.metric.list([category]) -> rows    edu.metric.get(id) -> table
  edu.metric.resolve(text) -> id         (.metrics in the REPL)
  The canonical metric table (data/metrics.tsv plus definitions made here, which the
  database keeps). A metric phrase gets the id of the longest alias it ends with whose
  unit fits; defining a metric relinks the stored indicators at once.]],
}
