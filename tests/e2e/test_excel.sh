# Spreadsheets: export --format xlsx and rows:to_xlsx read back with a real
# XLSX reader (zipfile and the sheet XML): a frozen header row, numbers as
# numbers, the display column, the source sentence; CSV with --bom; text a
# spreadsheet would take for a formula neutralised in CSV, and kept as text
# (never a formula) in XLSX.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" "$SHARED"/corpus/provinces-2026/2026_上海市_政府工作报告.csv >/dev/null 2>&1

# A sentence that starts like a formula, stored as any document's text is.
printf '=HYPERLINK("http://x","y")，全市新增幼儿园57所。\n' > "$WORK/formula.txt"
"$EDUSHELL" --db "$DB" load "$WORK/formula.txt" >/dev/null

"$EDUSHELL" --db "$DB" export indicators --format xlsx --out "$WORK/ind.xlsx"
python3 "$SRC/tests/e2e/xlsx_read.py" "$WORK/ind.xlsx" > "$WORK/ind.json"
python3 - "$WORK/ind.json" <<'PY' || fail "export xlsx"
import json, sys
book = json.load(open(sys.argv[1]))
assert book["frozen"], "the header row is not frozen"
assert book["formulas"] == 0, "a cell holds a formula"
head = [c[1] for c in book["rows"][0]]
for name in ("id", "region", "value", "unit", "display", "sentence", "metric_id"):
    assert name in head, f"no {name} column in {head}"
col = {name: i for i, name in enumerate(head)}
rows = [r + [None] * (len(head) - len(r)) for r in book["rows"][1:]]
assert len(rows) > 300, len(rows)
by_display = {}
for r in rows:
    assert r[col["value"]][0] == "n", f"value stored as {r[col['value']]}"
    assert r[col["id"]][0] == "n"
    assert r[col["sentence"]] and r[col["sentence"]][0] == "s"
    by_display.setdefault(r[col["display"]][1], r)
# the formatted column beside the raw value, which keeps every digit
r = by_display.get("5.67万亿元")
assert r and r[col["value"]][1] == 5.67e12 and r[col["unit"]][1] == "元", "5.67万亿元"
assert "92.81%" in by_display, "92.81%"
assert any(d.endswith("以上") for d in by_display), "a comparator in words"
assert any("–" in d for d in by_display), "a range"
# the formula-like sentence is text, exactly as written
formula = [r for r in rows if r[col["sentence"]][1].startswith("=HYPERLINK")]
assert formula and formula[0][col["sentence"]][0] == "s", "formula-like sentence"
print("ok", len(rows), "rows")
PY

# CSV: --bom for Excel, the display column, formulas neutralised.
"$EDUSHELL" --db "$DB" export indicators --format csv --bom --out "$WORK/ind.csv"
head -c 3 "$WORK/ind.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
csv=$(cat "$WORK/ind.csv")
expect_contains "$csv" "id,doc,region,start,end,number,metric,value,value_hi,unit,display,kind"
expect_contains "$csv" ",5670000000000,,元,5.67万亿元,actual,"
expect_contains "$csv" "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")，全市新增幼儿园57所。\""
"$EDUSHELL" --db "$DB" export indicators --format csv --out "$WORK/nobom.csv"
[ "$(head -c 2 "$WORK/nobom.csv")" = "id" ] || fail "BOM without --bom"
if "$EDUSHELL" --db "$DB" export indicators --format xlsx 2>/dev/null; then fail "xlsx to stdout"; fi
if "$EDUSHELL" --db "$DB" export indicators --bom 2>/dev/null; then fail "--bom with jsonl"; fi

# rows:to_xlsx from Lua: figures of the library's results, a display column,
# the source sentence of indicator rows.
"$EDUSHELL" --db "$DB" -e "edu.rank{metric = '地区生产总值', kind = 'actual'}:to_xlsx('$WORK/rank.xlsx')
  edu.indicators{region = '无锡', metric = '覆盖率'}:to_xlsx('$WORK/cov.xlsx', {sheet = '覆盖率'})"
python3 "$SRC/tests/e2e/xlsx_read.py" "$WORK/cov.xlsx" > "$WORK/cov.json"
python3 - "$WORK/cov.json" <<'PY' || fail "rows:to_xlsx"
import json, sys
book = json.load(open(sys.argv[1]))
head = [c[1] for c in book["rows"][0]]
assert book["frozen"] and head[-1] == "sentence" and "display" in head, head
col = {name: i for i, name in enumerate(head)}
rows = book["rows"][1:]
r = [r for r in rows if r[col["display"]][1] == "92.81%"]
assert r and r[0][col["value"]] == ["n", 92.81], "92.81 as a number"
assert "92.81%" in r[0][col["sentence"]][1], "the source sentence"
print("ok")
PY
python3 "$SRC/tests/e2e/xlsx_read.py" "$WORK/rank.xlsx" | grep -q '"display"' || fail "rank display column"
# In the sandbox, a workbook is a file write like any other.
if err=$("$EDUSHELL" --db "$DB" --sandbox -e "edu.docs():to_xlsx('$WORK/s.xlsx')" 2>&1); then fail "sandbox wrote xlsx"; fi
expect_contains "$err" "is not allowed"
[ ! -e "$WORK/s.xlsx" ] || fail "sandbox left a workbook"
echo ok
