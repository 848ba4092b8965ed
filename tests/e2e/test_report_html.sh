# HTML reports in a real headless browser: they render, and their charts
# (inline SVG: bars for rankings, lines for series) are in the page and drawn.
source "$(dirname "$0")/lib.sh"
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: $CHROMIUM is not installed (scripts/setup.sh installs it)"
  exit 0
fi
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv >/dev/null 2>&1

browser() {  # browser ARGS... FILE: headless, offline, a fresh profile
  local profile; profile=$(mktemp -d "$WORK/profile.XXXXXX")
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>/dev/null
}

R() { "$EDUSHELL" --db "$DB" report "$@" --format html; }
R ranking --set metric=地区生产总值增长 --set kind=target --set level=province --year 2026 --out "$WORK/ranking.html"
R annual_report --region 无锡市 --year 2021 --out "$WORK/annual.html"
R comparison --region 无锡市 --region 太仓市 --out "$WORK/comparison.html"

# Self-contained: nothing fetched from anywhere.
for f in ranking annual comparison; do
  if grep -Eq '(src|href)="(https?:)?//' "$WORK/$f.html"; then fail "$f.html refers to the network"; fi
done

# The DOM as the browser built it.
dom=$(browser --dump-dom "file://$WORK/ranking.html")
expect_contains "$dom" "地区生产总值增长 2026 排名"
expect_contains "$dom" 'class="es-chart es-bar-chart"'
bars=$(printf '%s' "$dom" | grep -o 'class="es-bar"' | wc -l)
rows=$("$EDUSHELL" --db "$DB" -e '
  local n = 0
  for _, r in ipairs(edu.rank{metric = "地区生产总值增长", year = 2026, kind = "target", level = "province"}) do
    if r.value then n = n + 1 end
  end
  print(n)')
[ "$rows" -gt 20 ] || fail "only $rows provinces ranked"
expect_eq "$bars" "$rows" "one bar per ranked province"
expect_contains "$dom" 'class="es-axis-label"'
expect_contains "$dom" '>浙江省</text>'

dom=$(browser --dump-dom "file://$WORK/annual.html")
lines=$(printf '%s' "$dom" | grep -o 'class="es-chart es-line-chart"' | wc -l)
[ "$lines" -ge 3 ] || fail "annual report has $lines line charts"
expect_contains "$dom" 'class="es-line"'
expect_contains "$dom" '<mark>92.81%</mark>'
expect_contains "$dom" 'href="#ind-'

dom=$(browser --dump-dom "file://$WORK/comparison.html")
expect_contains "$dom" '<th>太仓市</th>'
expect_contains "$dom" 'es-bar-chart'

# Every report as a reader sees it: Chinese headers, codes and dates,
# documents by title, figures as written (no e+, no raw 元 figure), local time.
R annual_report --region 江苏 --out "$WORK/province.html"
check_text() {  # check_text FILE NEEDLE...: the report_text.py checks on the browser's DOM
  local f=$1; shift
  browser --dump-dom "file://$WORK/$f" | python3 "$SRC/tests/e2e/report_text.py" "生成时间：$(date +%Y)年" "$@" \
    || fail "$f as a reader sees it"
}
check_text ranking.html "名次" "地区" "数值" "目标值" "（%）"
R ranking --set metric=地区生产总值 --set level=省 --out "$WORK/gdp.html"
check_text gdp.html "实际值" "（万亿元）" "万亿元"
check_text annual.html "文档" "类型" "日期" "完成情况" "无数据" "以上" "1–2所" "上半年总结" "2021年全市教育工作总结" "上半年"
check_text comparison.html "规范指标并列" "文档数" "实际值"
check_text province.html "江苏省" "亿元" "亿" "政府工作报告"

# Screenshots: the page is drawn, and the bars and lines with it (their
# fill and stroke colour, #3b6ea8, covers a good number of pixels).
browser --window-size=1000,1400 --screenshot="$WORK/ranking.png" "file://$WORK/ranking.html" >/dev/null
[ -s "$WORK/ranking.png" ] || fail "no screenshot"
stats=$(python3 "$SRC/tests/e2e/png_check.py" "$WORK/ranking.png" 3b6ea8)
echo "ranking.png: $stats"
nonwhite=$(printf '%s' "$stats" | sed -n 's/.*nonwhite=\([0-9]*\).*/\1/p')
colours=$(printf '%s' "$stats" | sed -n 's/.*colours=\([0-9]*\).*/\1/p')
bar_pixels=$(printf '%s' "$stats" | sed -n 's/^3b6ea8=//p')
[ "$nonwhite" -ge 3 ] || fail "ranking screenshot nearly blank ($stats)"
[ "$colours" -ge 20 ] || fail "ranking screenshot has $colours colours"
[ "$bar_pixels" -ge 5000 ] || fail "bars not drawn: $bar_pixels pixels of the bar colour"

browser --window-size=1000,3000 --screenshot="$WORK/annual.png" "file://$WORK/annual.html" >/dev/null
stats=$(python3 "$SRC/tests/e2e/png_check.py" "$WORK/annual.png" 3b6ea8)
echo "annual.png: $stats"
line_pixels=$(printf '%s' "$stats" | sed -n 's/^3b6ea8=//p')
[ "$line_pixels" -ge 500 ] || fail "series lines not drawn: $line_pixels pixels of the line colour"
echo ok
