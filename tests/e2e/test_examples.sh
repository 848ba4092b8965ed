# The example scripts of scripts/examples/ run on the bundled sample and
# the provincial corpus, and print what they promise.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv >/dev/null 2>&1
EX=$SRC/scripts/examples
run() { "$EDUSHELL" --db "$DB" run "$EX/$1" "${@:2}"; }

# rank_regions.lua: the provinces by their 2026 growth target.
out=$(run rank_regions.lua)
expect_contains "$out" "地区生产总值增长 (gdp_growth), target, 2026"
ranked=$(printf '%s\n' "$out" | grep -c '_政府工作报告.csv#1$')
[ "$ranked" -ge 25 ] || fail "rank_regions ranked $ranked provinces"
# Ranks ascend down the table and the values descend with them.
printf '%s\n' "$out" | awk '/_政府工作报告.csv#1$/ {
    if (NR > 0 && seen && ($1 < rank || $3 > value)) bad = 1
    rank = $1; value = $3; seen = 1 }
  END { exit bad }' || fail "rank_regions is not in rank order: $out"
expect_contains "$out" "regions $ranked, median "
# Its first row is the province edu.rank puts first.
top=$("$EDUSHELL" --db "$DB" -e 'print(edu.rank{metric = "地区生产总值增长", year = 2026, kind = "target", level = "province"}[1].region)')
expect_eq "$(printf '%s\n' "$out" | sed -n 4p | awk '{print $2}')" "$top" "first ranked province"

# compare_regions.lua: 无锡市 vs 太仓市.
out=$(run compare_regions.lua)
expect_contains "$out" "无锡市 vs 太仓市:"
expect_contains "$out" "普惠性幼儿园覆盖率"
expect_contains "$out" "93.66"
for region in 无锡市 太仓市; do
  counts=$("$EDUSHELL" --db "$DB" -e "print(#edu.docs{region = '$region'}, #edu.indicators{region = '$region', kind = 'target'})")
  expect_contains "$out" "$region: ${counts%%$'\t'*} documents, ${counts##*$'\t'} targets"
done
expect_contains "$out" "2021 新增省、市优质幼儿园 4所"

# series.lua: 无锡市 普惠性幼儿园覆盖率 over the years, with the changes and the source.
out=$(run series.lua)
expect_contains "$out" "无锡市 普惠性幼儿园覆盖率 (kg_puhui_coverage): 3 years"
expect_contains "$out" $'2020  86%\n2021  92.81%  +6.81\n2023  93.66%  +0.85'
expect_contains "$out" "普惠性幼儿园覆盖率达【93.66%】"
out=$(run series.lua 无锡市 义务教育优质均衡达标比例)
expect_contains "$out" "2021  86.33%  +6.25"

# plan_vs_actual.lua: every target of 无锡市 with its status, and a summary that adds up.
out=$(run plan_vs_actual.lua)
expect_contains "$out" "新增省、市优质园"
summary=$(printf '%s\n' "$out" | tail -n 1)
read -r total met notmet nodata <<<"$(printf '%s' "$summary" | sed -E 's/.*: ([0-9]+) targets: ([0-9]+) met, ([0-9]+) not met, ([0-9]+) without.*/\1 \2 \3 \4/')"
expect_eq "$total" "$("$EDUSHELL" --db "$DB" -e 'print(#edu.plan_vs_actual{region = "无锡市"})')" "targets of 无锡市"
[ "$total" -gt 5 ] || fail "only $total targets of 无锡市"
expect_eq "$((met + notmet + nodata))" "$total" "statuses add up"
expect_contains "$out" "($total rows)"

# annual_report.lua: both formats written, charts in the HTML, figures linked.
out=$(run annual_report.lua 无锡市 2021 "$WORK")
expect_contains "$out" "$WORK/无锡市-2021.md: "
expect_contains "$out" "$WORK/无锡市-2021.html: "
charts=$(printf '%s\n' "$out" | sed -n 's/.*html: [0-9]* bytes, \([0-9]*\) charts.*/\1/p')
[ "$charts" -ge 3 ] || fail "annual_report.lua drew $charts charts"
expect_contains "$(cat "$WORK/无锡市-2021.md")" "| 普惠性幼儿园覆盖率 | [92.81%](#ind-"
expect_contains "$(cat "$WORK/无锡市-2021.html")" "<mark>92.81%</mark>"
echo ok
