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
  Tables: documents, sections, sentences, indicators, sentences_fts, runs.]],
  ["edu.search"] = [[edu.search(text [, limit]) -> rows
  Sentences containing text (full-text index; Chinese substrings match), with
  their document, region and year.]],
  ["edu.overview"] = [[edu.overview([per_doc]) prints the documents, counts and a few indicators of each.]],
  ["edu.show"] = [[edu.show(value, ...) prints values as the REPL does (rows as aligned tables).]],
  ["rows"] = [[Query results are rows: a list of row tables with rows.columns.
  rows:to_csv(), rows:to_json(), rows:to_markdown() convert them; print(rows) aligns them.]],
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
}
