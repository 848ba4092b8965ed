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
