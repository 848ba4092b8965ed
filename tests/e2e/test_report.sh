# Reports: the template language, the bundled templates in Markdown, the
# report command (atomic output, the lock, run records) and its errors.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null

# --- the template language --------------------------------------------------
out=$(edu "$DB" '
io.write(edu.render([[
{# not shown #}
{% for i, r in rows %}
{{ i }}:{{ r.name }}{% if r.v > 2 %} big{% elseif r.v == 2 %} two{% else %} small{% end %}
{% end %}
{% set n = #rows %}
n={{ n }} esc={{ "<a&b>" }} raw={{! "<b>" }} nil=[{{ nothing }}] float={{ 2.0 }}
]], {rows = {{name = "a", v = 1}, {name = "b", v = 2}, {name = "c", v = 3.5}}}, "html"))')
expect_eq "$out" $'1:a small\n2:b two\n3:c big\nn=3 esc=&lt;a&amp;b&gt; raw=<b> nil=[] float=2' "template output"
expect_not_contains "$out" "not shown"
# Markdown output is not escaped.
expect_eq "$(edu "$DB" 'io.write(edu.render("{{ x }}", {x = "<b>"}, "md"))')" "<b>" "md not escaped"

# Errors name template:line, at compile time and while rendering.
tpl_error() { "$EDUSHELL" --db "$DB" -e "local ok, e = pcall(edu.render, [[$1]], {}) print(e)" 2>&1; }
expect_contains "$(tpl_error $'a\n{% for x in y %}\nb')" "string:2: {% for %} is never closed"
expect_contains "$(tpl_error $'a\nb\n{% end %}')" "string:3: {% end %} without an open block"
expect_contains "$(tpl_error $'a\n\n{{ 1 + }}')" "string:3:"
expect_contains "$(tpl_error $'x\n{% else %}')" "string:2: {% else %} outside an {% if %}"
expect_contains "$(tpl_error $'x\n\n\n{{ nothing.field }}')" "string:4: attempt to index"
expect_contains "$(tpl_error $'x\n{{ edu.rank{metric = \"no such metric\"} }}')" "string:2: edu.rank: no canonical metric"
expect_contains "$(tpl_error '{% frobnicate %}')" "unknown statement"

# --- the bundled templates, Markdown ----------------------------------------
md=$(edu "$DB" 'io.write(edu.report("annual_report", {region = "无锡市", year = 2021}))')
expect_contains "$md" "# 无锡市 2021 年度教育指标报告"
expect_contains "$md" "### 学前教育"
expect_contains "$md" "| 普惠性幼儿园覆盖率 | [92.81%](#ind-"
# series: half-year figures marked, a missing year breaks the line (…)
expect_contains "$md" "2020（上半年）: [86%](#ind-"
expect_contains "$md" "→ 2021: [92.81%](#ind-"
expect_contains "$md" " … 2023: [93.66%](#ind-"
# plan vs actual, in Chinese: comparators in words, ranges as ranges
expect_contains "$md" "| 年份 | 指标 | 目标 | 实际 | 完成情况 | 差距 | 计划文档 |"
expect_contains "$md" "| 2022 | 新增省、市优质园 | [30所以上](#ind-"
expect_contains "$md" "| 2022 | 获评省首批高品质示范高中 | [1–2所](#ind-"
expect_contains "$md" "| 无数据 | – | 2022年全市教育工作要点 |"
expect_contains "$md" "| 义务教育优质均衡达标比例 | [第一](#ind-" # rank claims
# documents by title, kind and date; figures as written
expect_contains "$md" "| 2021年全市教育工作总结 | 工作总结 | 2021 | 2022年3月10日 | 164 |"
expect_contains "$md" "| 学生资助资金 | [1.4亿元](#ind-"
expect_contains "$md" "— 《2021年全市教育工作总结》（无锡市，工作总结，2022年3月10日）"
expect_not_contains "$md" ".txt"
expect_not_contains "$md" "UTC"
for code in summary actual target "no data" "not met" ">=" "gov-report"; do
  expect_not_contains "$md" "| $code |" "annual report (code $code)"
done
# Every link has its source sentence, the figure marked.
links=$(printf '%s' "$md" | grep -o '(#ind-[0-9]*)' | sort -u | wc -l)
anchors=$(printf '%s' "$md" | grep -o '<a id="ind-[0-9]*">' | sort -u | wc -l)
[ "$links" -gt 20 ] || fail "only $links linked figures"
expect_eq "$anchors" "$links" "a source for every linked figure"
expect_contains "$md" "普惠性幼儿园覆盖率达**92.81%**"

cmp=$(edu "$DB" 'io.write(edu.report("comparison", {regions = {"无锡市", "太仓市"}}))')
expect_contains "$cmp" "# 无锡市 与 太仓市 对比"
expect_contains "$cmp" "| 类别 | 指标 | 无锡市 | 太仓市 |"
expect_contains "$cmp" "| 学前教育 | 普惠性幼儿园覆盖率 | [93.66%](#ind-"
expect_contains "$cmp" "| 2021 | 新增省、市优质幼儿园 | [4–5所](#ind-"
expect_contains "$cmp" "| 地区 | 文档数 | 实际值 | 目标值 | 变化值 | 排名 |"

# Names as people write them; an unknown region is a usage error naming
# the closest one, with no file written and no run recorded.
expect_contains "$(edu "$DB" 'io.write(edu.report("annual_report", {region = "无锡", year = 2021}))')" "# 无锡市 2021 年度教育指标报告"
if err=$("$EDUSHELL" --db "$DB" report annual_report --region 无希 --out "$WORK/typo.md" 2>&1); then fail "unknown region accepted"; else rc=$?; fi
expect_eq "$rc" 2 "exit status of an unknown region"
expect_eq "$err" "edushell: report: no region 无希; did you mean 无锡市? (usage: edushell report TEMPLATE [--region R]... [--year Y] [--format md|html] [--set KEY=VALUE]... [--wait SECONDS] --out FILE)" "unknown region"
[ ! -e "$WORK/typo.md" ] || fail "a report was written for an unknown region"
expect_eq "$(edu "$DB" 'print(#edu.runs())')" 0 "no run recorded for a usage error"
if err=$(edu "$DB" 'edu.report("comparison", {regions = {"无锡市"}})' 2>&1); then fail "comparison of one region"; fi
expect_contains "$err" "comparison.md.tpl:3: comparison: name two regions"

# --- the report command -----------------------------------------------------
R() { "$EDUSHELL" --db "$DB" report "$@"; }
R annual_report --region 无锡市 --year 2021 --out "$WORK/wuxi.md"
expect_contains "$(cat "$WORK/wuxi.md")" "# 无锡市 2021 年度教育指标报告"
R annual_report --region 无锡市 --year 2021 --format html --out "$WORK/wuxi.html"
expect_contains "$(cat "$WORK/wuxi.html")" "<svg"

# A failed run leaves the previous report in place and no temporary file.
before=$(sha256sum < "$WORK/wuxi.md")
if err=$(R annual_report --region 无锡市 --year 2021 --set x=1 --out "$WORK/wuxi.md" --format pdf 2>&1); then fail "bad format accepted"; fi
expect_contains "$err" "--format must be md or html"
printf '# {{ region }}\n\n{{ no_such_function() }}\n' > "$WORK/broken.md.tpl"
if err=$(R "$WORK/broken.md.tpl" --region 无锡市 --out "$WORK/wuxi.md" 2>&1); then fail "broken template exited 0"; fi
expect_contains "$err" "broken.md.tpl:3: attempt to call a nil value (global 'no_such_function')"
expect_eq "$(sha256sum < "$WORK/wuxi.md")" "$before" "previous report kept"
expect_eq "$(find "$WORK" -name '.wuxi.md.*' | wc -l)" 0 "temporary files left"
if err=$(R annual_report --region 无锡市 --out "$WORK/no/such/dir/x.md" 2>&1); then fail "missing directory exited 0"; fi
expect_contains "$err" "no/such/dir/x.md"

# Runs are recorded: template, arguments, times, status, output, error.
runs=$(edu "$DB" 'for _, r in ipairs(edu.runs()) do print(r.id, r.template, r.status, r.args, r.output, r.started_at ~= nil, r.ended_at ~= nil, r.error) end')
expect_contains "$runs" $'1\tannual_report\tok\t{"format":"md","year":"2021","regions":["无锡市"]}\t'"$WORK/wuxi.md"$'\ttrue\ttrue'
expect_contains "$runs" $'2\tannual_report\tok'
expect_contains "$runs" $'broken.md.tpl\tfailed'
expect_contains "$runs" "broken.md.tpl:3: attempt to call a nil value"
expect_not_contains "$runs" "stack traceback"
expect_eq "$(edu "$DB" 'print(#edu.runs())')" 4 "runs recorded (the bad format is refused before a run)"

# A run ended inside a C function by the --timeout clock cannot record its
# end; the next run marks it failed.
printf '# {{ region }}\n\n{{ string.find(string.rep("a", 30000), ".-.-.-.-b") }}\n' > "$WORK/stuck.md.tpl"
if err=$("$EDUSHELL" --db "$DB" --timeout 1 report "$WORK/stuck.md.tpl" --region 无锡市 --out "$WORK/stuck.md" 2>&1); then
  fail "a stuck template exited 0"
fi
expect_contains "$err" "exceeded the time limit of 1 s"
expect_contains "$(edu "$DB" 'for _, r in ipairs(edu.runs()) do print(r.template, r.status) end')" $'stuck.md.tpl\trunning'
R annual_report --region 无锡市 --year 2021 --out "$WORK/wuxi.md"
runs=$(edu "$DB" 'for _, r in ipairs(edu.runs()) do print(r.template, r.status, r.error) end')
expect_contains "$runs" $'stuck.md.tpl\tfailed\tended without finishing (the process was killed or ended by --timeout)'
expect_not_contains "$runs" "running"

# The lock: a second run on the same database waits or exits with a clear message.
exec 9<"$DB"
flock -x 9
if err=$(R annual_report --region 无锡市 --out "$WORK/locked.md" 2>&1); then fail "ran while locked"; else rc=$?; fi
expect_eq "$rc" 75 "exit status while locked"
expect_contains "$err" "another report run holds the lock on $DB"
[ ! -e "$WORK/locked.md" ] || fail "wrote while locked"
# With --wait, it runs once the lock is released.
R annual_report --region 无锡市 --wait 120 --out "$WORK/waited.md" & waiter=$!
flock -u 9
wait "$waiter" || fail "the waiting run failed"
exec 9>&-
expect_contains "$(cat "$WORK/waited.md")" "# 无锡市"

# .runs in the REPL lists the runs.
python3 "$SRC/tests/e2e/runs_pty.py" "$EDUSHELL" "$DB"
echo ok
