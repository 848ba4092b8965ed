# Rankings, comparisons and series show a year's own figure: for the year
# asked, the annual figure about the whole region; a figure of another year
# or kind is marked; a period's average or total is never a year's value.
source "$(dirname "$0")/lib.sh"
mkdir "$WORK/docs"
cat > "$WORK/docs/a.txt" <<'TXT'
桐庐县2025年教育工作总结
2025年，全县新增学位3200个，小学专任教师达到2150人，教育经费投入8.2亿元。
“十四五”期间，全县累计新增学位15000个，教育经费年均增长6.5%。
到2030年，全县小学专任教师力争达到2500人。
TXT
cat > "$WORK/docs/b.txt" <<'TXT'
淳安县2024年教育工作总结
2024年，全县新增学位1800个，小学专任教师达到1900人，教育经费投入5.1亿元。
TXT
cat > "$WORK/docs/c.txt" <<'TXT'
建德市2025年教育工作要点
2025年，全市力争新增学位2600个。
TXT
"$EDUSHELL" --db "$DB" load "$WORK/docs" >/dev/null

# How each figure is stored: the five-year total and average as such.
got=$(edu "$DB" 'for _, r in ipairs(edu.sql[[SELECT number, basis, period_start, period_end FROM indicator_rows
  WHERE region = "桐庐县" ORDER BY start]]) do print(r.number, r.basis, r.period_start, r.period_end) end')
expect_contains "$got" $'15000个\tcumulative\t2021\t2025' "the total of 十四五"
expect_contains "$got" $'6.5%\taverage\t2021\t2025' "the average of 十四五"

# rank: the year's annual figure; another year's or kind's named in note.
got=$(edu "$DB" 'for _, r in ipairs(edu.rank{metric = "新增学位", year = 2025}) do
  print(r.region, (r.value and ("%.15g"):format(r.value) or "-"), r.year, r.note or "-") end')
expect_contains "$got" $'桐庐县\t3200\t2025\t-' "rank: 桐庐县's 2025 figure, not the period's total"
expect_contains "$got" $'淳安县\t1800\t2024\t2024年' "rank: 淳安县 falls back to 2024, marked"
expect_contains "$got" $'建德市\t2600\t2025\t目标' "rank: 建德市 has a 2025 goal only, marked"
expect_not_contains "$got" "15000" "rank"
got=$(edu "$DB" 'for _, r in ipairs(edu.rank{metric = "小学专任教师", year = 2030, kind = "actual"}) do
  print(r.region, (r.value and ("%.15g"):format(r.value) or "-"), r.note or "-") end')
expect_contains "$got" $'桐庐县\t2150\t2025年' "rank: no 2030 figure: the nearest year's, marked, before the 2030 goal"
got=$(edu "$DB" 'for _, r in ipairs(edu.rank{metric = "教育经费投入", year = 2025}) do print(r.region, (r.value and ("%.15g"):format(r.value) or "-"), r.unit) end')
expect_contains "$got" $'桐庐县\t820000000\t元' "rank: spending in 元"
expect_not_contains "$got" "6.5" "rank: a yearly average over five years"

# series: one point a year, the annual figure.
got=$(edu "$DB" 'for _, p in ipairs(edu.series{region = "桐庐县", metric = "新增学位"}) do print(p.year, ("%.15g"):format(p.value)) end')
expect_eq "$got" $'2025\t3200' "series of 桐庐县 新增学位"

# compare: the year's figure; another year's with its year, a goal with *.
got=$(edu "$DB" 'local t = edu.compare{regions = {"桐庐县", "淳安县", "建德市"},
    metrics = {"新增学位", "小学专任教师"}, year = 2025}
  for _, r in ipairs(t) do print(r.metric, tostring(r["桐庐县"]), r["淳安县"], r["建德市"]) end')
expect_contains "$got" $'新增学位\t3200.0\t1,800（2024年）\t2,600*' "compare 新增学位"
expect_contains "$got" $'小学专任教师\t2150.0\t1,900（2024年）\tnil' "compare 小学专任教师: not the 2030 goal"
echo ok
