# All 31 provincial government work reports load: region = the province,
# year 2026, kind gov-report, each with indicators.
source "$(dirname "$0")/lib.sh"
shopt -s nullglob
files=("$SHARED"/corpus/provinces-2026/*_政府工作报告.csv)
expect_eq "${#files[@]}" 31 "provincial reports"
out=$("$EDUSHELL" --db "$DB" load "${files[@]}")
for f in "${files[@]}"; do
  prov=$(basename "$f" | cut -d_ -f2)
  line=$(printf '%s\n' "$out" | grep -F "$(basename "$f")#1") || fail "$prov not loaded"
  expect_contains "$line" $'\t'"$prov"$'\t2026\tgov-report' "$prov"
  n=$(printf '%s\n' "$line" | awk -F'\t' '{print $5}' | awk '{print $1}')
  [ "$n" -ge 20 ] || fail "$prov: only $n indicators"
done
levels=$(edu "$DB" 'print(edu.sql("SELECT count(*) AS n FROM documents WHERE region_level = ?1 AND province = region", "province")[1].n)')
expect_eq "$levels" 31 "province-level regions"
echo ok
