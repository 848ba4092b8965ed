# Canonical metrics link the same measure across documents and years:
# edu.series, the metric table, analysts' definitions, provenance.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null

series() {  # series METRIC -> "year=value ..." for 无锡市
  "$EDUSHELL" --db "$DB" -e "
    local out = {}
    for _, p in ipairs(edu.series{region = '无锡市', metric = '$1'}) do
      out[#out + 1] = p.year .. '=' .. edu.Rows.cell(p.value)
    end
    print(table.concat(out, ' '))"
}
expect_eq "$(series 普惠性幼儿园覆盖率)" "2020=86 2021=92.81 2023=93.66" "普惠性幼儿园覆盖率 series"
expect_eq "$(series 义务教育优质均衡达标比例)" "2019=80.08 2021=86.33 2022=88.28" "优质均衡 series"
# The id and an alias name the same series.
expect_eq "$(series cs_balanced_ratio)" "2019=80.08 2021=86.33 2022=88.28" "series by id"

# Each point keeps its source document.
docs=$("$EDUSHELL" --db "$DB" -e "for _, p in ipairs(edu.series{region='无锡市', metric='普惠性幼儿园覆盖率'}) do print(p.year, p.doc) end")
expect_contains "$docs" $'2021\t000_b6db7edfdf7e32f2.txt'
expect_contains "$docs" $'2023\t003_62fab0e769c6bf60.txt'

# An analyst's definition links stored indicators at once.
out=$("$EDUSHELL" --db "$DB" -e "
  print(edu.sql('SELECT count(*) AS n FROM indicators WHERE metric_id = ?1', 'modernization_score')[1].n)
  edu.metric.define{id = 'modernization_score', name = '教育现代化监测得分', aliases = {'监测得分'},
                    category = '党建与治理', unit = '分', direction = 'higher'}
  print(edu.sql('SELECT count(*) AS n FROM indicators WHERE metric_id = ?1', 'modernization_score')[1].n > 0)
  print(edu.metric.get('modernization_score').origin)")
expect_eq "$out" $'0\ntrue\nuser' "edu.metric.define"
# ... and survives the next open, which syncs data/metrics.tsv.
expect_eq "$("$EDUSHELL" --db "$DB" -e "print(edu.metric.get('modernization_score').name)")" "教育现代化监测得分" "definition kept"
# On an alias as long as the file's, the analyst's definition wins.
out=$("$EDUSHELL" --db "$DB" -e "
  edu.metric.define{id = 'kg_quality_new_prov', name = '新增省优质园', category = '学前教育', unit = '所'}
  print(edu.metric.resolve('全年新增省优质园'))")
expect_eq "$out" "kg_quality_new_prov" "analyst's definition on a tie"
# Each metric's count of figures, kept as figures are stored and linked
# again (the definition above took figures from another metric), is the
# count of them.
out=$("$EDUSHELL" --db "$DB" -e "
  local wrong, counted = 0, 0
  for _, m in ipairs(edu.metric.list()) do
    local n = edu.sql('SELECT count(*) AS n FROM indicators WHERE metric_id = ?1', m.id)[1].n
    if m.indicators ~= n then wrong = wrong + 1 end
    counted = counted + m.indicators
  end
  print(wrong, counted > 20, counted == edu.sql('SELECT count(metric_id) AS n FROM indicators')[1].n)")
expect_eq "$out" $'0\ttrue\ttrue' "figures counted by metric"
if err=$("$EDUSHELL" --db "$DB" -e "edu.metric.define{id = 'x', direction = 'sideways'}" 2>&1); then fail "bad direction accepted"; fi
expect_contains "$err" "direction"

# Provenance: the sentence with the quantity marked, and its document.
why=$("$EDUSHELL" --db "$DB" -e "
  local p = edu.series{region = '无锡市', metric = '普惠性幼儿园覆盖率'}[2]
  print(edu.explain(p.indicator))")
expect_contains "$why" "普惠性幼儿园覆盖率达【92.81%】"
expect_contains "$why" "000_b6db7edfdf7e32f2.txt"
metrics=$("$EDUSHELL" --db "$DB" -e "print(edu.metric.list('学前教育'))")
expect_contains "$metrics" "kg_puhui_coverage"
echo ok
