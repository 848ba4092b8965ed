# Export of indicators and documents, as JSONL and CSV, with the fields the
# command line promises.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null

"$EDUSHELL" --db "$DB" export indicators --format jsonl --out "$WORK/ind.jsonl"
python3 - "$WORK/ind.jsonl" "$SRC/data/sample" <<'PY'
import json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) > 100, len(rows)
need = {"doc", "start", "end", "number", "metric", "value", "value_hi", "unit", "kind", "cmp", "scope", "year",
        "period_start", "period_end", "basis", "subject", "table_seq", "cell_row", "cell_col", "sheet", "page",
        "sentence", "metric_id"}
for r in rows:
    assert need <= set(r), set(r) ^ need
    text = open(os.path.join(sys.argv[2], r["doc"]), "rb").read()
    # every span points at the quantity's exact bytes in the document
    assert text[r["start"]:r["end"]].decode("utf-8") == r["number"], r
    assert r["number"] in r["sentence"], r
    assert r["kind"] in ("actual", "target", "change", "rank"), r
    assert r["basis"] in ("annual", "average", "cumulative"), r
    assert r["period_start"] is None or r["period_start"] <= r["period_end"] == r["year"], r
PY

"$EDUSHELL" --db "$DB" export documents --format csv --out "$WORK/docs.csv"
python3 - "$WORK/docs.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
assert len(rows) == 5, len(rows)
need = ["path", "title", "region", "region_level", "province", "year", "kind", "issued", "sha256", "indicators"]
for k in need:
    assert k in rows[0], k
by_name = {r["name"]: r for r in rows}
assert by_name["004_4dfda354a9c2e969.txt"]["province"] == "江苏省"
assert all(len(r["sha256"]) == 64 for r in rows)
PY

# Standard output is the default; a bad table name is a clear error.
"$EDUSHELL" --db "$DB" export documents | grep -q '"region":"无锡市"' || fail "documents to stdout"
if err=$("$EDUSHELL" --db "$DB" export widgets 2>&1); then fail "export widgets succeeded"; fi
expect_contains "$err" "indicators or documents"
echo ok
