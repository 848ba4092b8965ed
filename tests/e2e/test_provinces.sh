# Spot checks on the 31 provincial government work reports of 2026: the
# figures analysts compare first must come out with the right value, unit,
# kind and canonical metric, so regressions on real wording show.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv >/dev/null

# The 2026 growth target of every province: value and, for a range, value_hi.
"$EDUSHELL" --db "$DB" -e '
for _, r in ipairs(edu.rank{metric = "地区生产总值增长", year = 2026, kind = "target"}) do
  print(r.region, r.value, r.value_hi, r.unit)
end' > "$WORK/growth.tsv"
python3 - "$WORK/growth.tsv" <<'PY'
import sys
expected = {
    "上海市": (5,), "云南省": (4.5,), "内蒙古自治区": (5,), "北京市": (5,), "吉林省": (5,),
    "四川省": (5.5,), "天津市": (4.5,), "宁夏回族自治区": (5,), "安徽省": (5, 5.5),
    "山东省": (5,), "山西省": (4.5, 5), "广东省": (4.5, 5), "广西壮族自治区": (5,),
    "新疆维吾尔自治区": (5.5, 6), "江苏省": (5,), "江西省": (5, 5.5), "河北省": (5,),
    "河南省": (5,), "浙江省": (5, 5.5), "海南省": (6,), "湖北省": (5.5,), "湖南省": (5,),
    "甘肃省": (5.5,), "福建省": (5,), "西藏自治区": (7,), "贵州省": (5,), "辽宁省": (4.5,),
    "重庆市": (5,), "陕西省": (5,), "青海省": (4.5,), "黑龙江省": (4.5, 5),
}
got = {}
for line in open(sys.argv[1], encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    got[f[0]] = f[1:]
bad = []
for prov, want in expected.items():
    g = got.get(prov)
    if not g or g[0] == "nil":
        bad.append(f"{prov}: no 2026 growth target")
        continue
    value, hi, unit = float(g[0]), g[1], g[2]
    if abs(value - want[0]) > 1e-9 or unit != "%":
        bad.append(f"{prov}: {g} != {want}")
    elif len(want) == 2 and (hi == "nil" or abs(float(hi) - want[1]) > 1e-9):
        bad.append(f"{prov}: range {g} != {want}")
# All are right today: any miss is a regression on real wording.
print(f"growth targets right: {31 - len(bad)}/31")
for b in bad:
    print("  " + b)
sys.exit(1 if bad else 0)
PY

# Figures of 2025 as the reviews state them: a span of change (从7248亿元提高到
# 8865亿元) ends at 2025 and starts at 2020; a threshold passed on the way
# (突破4000亿元、达到4211亿元) is not the value; a five-year average (年均增长4.7%)
# is no year's growth.
year_figure() {  # year_figure METRIC KIND REGION -> the value edu.rank picks for 2025
  "$EDUSHELL" --db "$DB" -e "
    for _, r in ipairs(edu.rank{metric = '$1', year = 2025, kind = '$2'}) do
      if r.region == '$3' then print(r.value, r.note or '') end
    end"
}
expect_figure() {  # expect_figure METRIC KIND REGION VALUE
  local got
  got=$(year_figure "$1" "$2" "$3")
  python3 -c "import sys; v, note = (sys.argv[1].split('\t') + [''])[:2]; sys.exit(0 if v and abs(float(v) - float(sys.argv[2])) < 1e-6 * float(sys.argv[2]) and not note else 1)" \
    "$got" "$4" || fail "$3: 2025 $1 is '$got', the text says $4"
}
expect_figure 一般公共预算收入 actual 浙江省 886500000000
expect_figure 一般公共预算收入 actual 广东省 1390000000000
expect_figure 一般公共预算收入 actual 河北省 439860000000
expect_figure 一般公共预算收入 actual 甘肃省 111240000000
expect_figure 一般公共预算收入 actual 湖北省 421100000000
expect_figure 地区生产总值增长 change 云南省 4.1
expect_figure 地区生产总值增长 change 山西省 4
expect_figure 地区生产总值增长 change 新疆维吾尔自治区 5.5
# The 2020 figure of a span is stored as 2020's.
n=$("$EDUSHELL" --db "$DB" -e "print(#edu.sql([[SELECT id FROM indicator_rows WHERE region = '浙江省'
      AND number = '7248亿元' AND year = 2020 AND basis = 'annual']]))")
expect_eq "$n" "1" "浙江省 7248亿元 is 2020's"
# A five-year average and a five-year total are stored as such.
n=$("$EDUSHELL" --db "$DB" -e "print(#edu.sql([[SELECT id FROM indicator_rows WHERE region = '云南省'
      AND number = '4.7%' AND basis = 'average' AND period_start = 2021 AND period_end = 2025]]))")
expect_eq "$n" "1" "云南省 年均增长4.7% is an average over 2021-2025"
n=$("$EDUSHELL" --db "$DB" -e "print(#edu.sql([[SELECT id FROM indicator_rows WHERE region = '内蒙古自治区'
      AND number = '106万人' AND basis = 'cumulative']]))")
expect_eq "$n" "1" "内蒙古自治区 城镇新增就业累计106万人 is a total"

# A handful of other figures, each from a different report.
check() {  # check REGION METRIC KIND VALUE UNIT
  local got
  got=$("$EDUSHELL" --db "$DB" -e "
    local r = edu.sql([[SELECT i.value, i.unit FROM indicators i JOIN documents d ON d.id = i.doc_id
      WHERE d.region = ?1 AND i.metric_id = ?2 AND i.kind = ?3 AND i.value = ?4 AND i.unit = ?5]],
      '$1', edu.metric.resolve('$2'), '$3', $4, '$5')
    print(#r)")
  [ "$got" -ge 1 ] || fail "$1: no $3 $2 = $4 $5"
}
check 四川省 城镇调查失业率 target 5.5 %
check 四川省 城镇新增就业 target 850000 人
check 江苏省 城镇新增就业 target 1200000 人
check 北京市 居民消费价格涨幅 target 2 %
check 江苏省 研发投入强度 actual 3.38 %
check 广东省 研发投入强度 actual 3.6 %
check 河南省 城镇新增就业 target 1100000 人
check 江苏省 地区生产总值增长 change 5.3 %
echo ok
