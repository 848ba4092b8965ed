# GB18030 text, HTML pages and CSV corpora load into the same documents.
source "$(dirname "$0")/lib.sh"
FIX=$SRC/tests/fixtures/good

out=$("$EDUSHELL" --db "$DB" load "$FIX/gbk_plan.txt" "$FIX/page.html")
expect_contains "$out" $'gbk_plan.txt\t常州市\t2024\tplan'
expect_contains "$out" $'page.html\t苏州市\t2023\tsummary'
enc=$(edu "$DB" 'for _, r in ipairs(edu.sql("SELECT name, encoding, format FROM documents ORDER BY name")) do print(r.name, r.encoding, r.format) end')
expect_contains "$enc" $'gbk_plan.txt\tgb18030\ttext'
expect_contains "$enc" $'page.html\tutf-8\thtml'
# Script and style text never reaches the stored text.
expect_eq "$(edu "$DB" 'print(edu.sql("SELECT count(*) AS n FROM documents WHERE text LIKE ?1", "%function(%")[1].n)')" 0 "script text"

csv=$SHARED/corpus/provinces-2026/2026_江苏省_政府工作报告.csv
out=$("$EDUSHELL" --db "$DB" load "$csv")
expect_contains "$out" $'2026_江苏省_政府工作报告.csv#1\t江苏省\t2026\tgov-report'
meta=$(edu "$DB" 'print(edu.sql("SELECT json_extract(meta, ?1) AS v FROM documents WHERE name LIKE ?2", "$.publish_date", "%江苏%")[1].v)')
[ -n "$meta" ] && [ "$meta" != nil ] || fail "CSV columns kept as metadata"
echo ok
