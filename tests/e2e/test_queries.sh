# The analysis functions answer in one query each from the indexes (rank,
# series, compare, plan vs actual, claims, figures by metric phrase) and
# give exactly what the plain queries they replaced gave, one per region,
# metric or target: checked on
# every region, canonical metric, kind and year of the provincial reports,
# the bundled sample and the web pages (query_reference.lua).
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv \
  "$SHARED/corpus/pages" >/dev/null 2>&1 || fail "the load failed"
out=$("$EDUSHELL" --db "$DB" run "$(dirname "$0")/query_reference.lua" 2>&1) || fail "$out"
echo "$out"
# The comparison covered real figures, not empty answers on both sides.
for what in "series points" "ranked figures" cells targets claims "metric figures"; do
  n=$(printf '%s' "$out" | grep -o "$what [0-9]*" | grep -o '[0-9]*$')
  [ "${n:-0}" -gt 20 ] || fail "only ${n:-0} $what compared"
done
# Plan versus actual alone answers as within the whole comparison.
plans=$("$EDUSHELL" --db "$DB" run "$(dirname "$0")/query_reference.lua" plans 2>&1) || fail "$plans"
expect_contains "$out" "$plans" "plan versus actual alone"
echo ok
