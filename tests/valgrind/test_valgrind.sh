# The binary under valgrind: a load of every input kind, queries through the
# edu module, an export and a report. Any memory error or leak fails.
#   test_valgrind.sh EDUSHELL SOURCE_DIR SHARED_DIR
source "$(dirname "$0")/../e2e/lib.sh"
command -v valgrind >/dev/null || fail "valgrind is not installed (apt-get install valgrind)"
vg() {
  valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    --show-leak-kinds=definite,indirect "$EDUSHELL" --db "$DB" "$@"
}
status=0
OFFICE=$SRC/tests/fixtures/office
vg load "$SRC/data/sample" "$SRC/tests/fixtures/good" "$SRC/tests/fixtures/bad" \
  "$OFFICE/seed_002.pdf" "$OFFICE/features.docx" "$OFFICE/features.odt" "$OFFICE/table.xlsx" \
  "$OFFICE/table.ods" "$OFFICE/table.html" "$OFFICE/seed_002.big5.txt" "$OFFICE/seed_002.utf16le.txt" \
  "$OFFICE/scanned.pdf" "$OFFICE/encrypted_userpw.pdf" "$OFFICE/encrypted.docx" "$OFFICE/seed_002.doc" \
  "$OFFICE/truncated.xlsx" \
  "$SHARED/corpus/provinces-2026/2026_江苏省_政府工作报告.csv" >/dev/null 2>"$WORK/load.err" || status=$?
# The bad fixtures make the load exit 1; valgrind's own failure is 99.
[ "$status" -ne 99 ] || { cat "$WORK/load.err"; fail "valgrind: errors during load"; }
vg -e '
  print(#edu.indicators{}, #edu.search("幼儿园"), #edu.docs{region = "无锡市"})
  print(edu.series{region = "无锡市", metric = "普惠性幼儿园覆盖率"})
  print(edu.rank{metric = "地区生产总值增长"})
  print(edu.explain(1))
  print(edu.report("annual_report", {region = "无锡市", format = "html"}):sub(1, 20))
  local ok = pcall(edu.sql, "SELECT * FROM nowhere")
  print(ok)' >/dev/null || fail "valgrind: errors in Lua queries"
vg export indicators --format csv --out "$WORK/ind.csv" || fail "valgrind: errors in export"
vg export indicators --format xlsx --out "$WORK/ind.xlsx" || fail "valgrind: errors in the xlsx export"
printf '%s\n' 'local n = #edu.docs()' '.mode csv' "edu.indicators{limit = 3}" '.headers off' ".once $WORK/once.csv" \
  'edu.docs{region = "无锡"}' ".read $WORK/ind.csv" '.tables' 'print(n)' | vg >/dev/null 2>"$WORK/shell.err" \
  && fail "the .read of a CSV file ran" || status=$?
[ "$status" -ne 99 ] || { cat "$WORK/shell.err"; fail "valgrind: errors in the shell after an error"; }
printf '%s\n' 'local n = #edu.docs()' '.mode box' "edu.indicators{limit = 3}" ".once $WORK/once.csv" \
  'edu.docs{region = "无锡"}:to_xlsx("'"$WORK"'/docs.xlsx")' '.schema runs' 'print(n)' | vg -csv >/dev/null \
  || fail "valgrind: errors in the shell"
echo ok
