# Extraction without a database, as the map step of GNU parallel, then
# the shards merged with load --jsonl: the database holds the same
# documents, sentences and indicators as a direct load, and searches alike.
source "$(dirname "$0")/lib.sh"
inputs=("$SRC/data/sample" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv "$SHARED/corpus/pages")

"$EDUSHELL" --db "$WORK/direct.db" load "${inputs[@]}" >/dev/null 2>&1 || fail "the direct load failed"

# The map step, one shard per input file, two at a time (README's recipe).
mkdir "$WORK/shards"
find "${inputs[@]}" -type f ! -name "*.tsv" | parallel -j2 "$EDUSHELL extract {} >$WORK/shards/{#}.jsonl 2>/dev/null" || fail "an extract failed"
[ "$(cat "$WORK"/shards/*.jsonl | wc -l)" -eq 66 ] || fail "extract wrote $(cat "$WORK"/shards/*.jsonl | wc -l) records, not 66"
python3 - "$WORK"/shards/*.jsonl <<'PY'
import json, sys
need = {"path", "name", "title", "region", "year", "kind", "sha256", "text", "sentences", "indicators"}
ind_need = {"doc", "start", "end", "number", "metric", "value", "value_hi", "unit", "kind", "cmp", "scope",
            "year", "sentence", "metric_id"}
for path in sys.argv[1:]:
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        assert need <= set(r), need - set(r)
        raw = r["text"].encode("utf-8")
        for i in r["indicators"]:
            assert ind_need <= set(i), ind_need - set(i)
            assert raw[i["start"]:i["end"]].decode("utf-8") == i["number"], i
PY

# The reduce step: the shards into a database.
"$EDUSHELL" --db "$DB" load --jsonl "$WORK"/shards/*.jsonl >"$WORK/merge.out" 2>"$WORK/merge.err" \
  || fail "load --jsonl: $(cat "$WORK/merge.err")"
expect_eq "$(wc -l <"$WORK/merge.out")" 66 "documents merged"
for db in direct merged; do
  file=$WORK/direct.db; [ $db = merged ] && file=$DB
  "$EDUSHELL" --db "$file" export indicators --format jsonl --out "$WORK/$db.jsonl"
  "$EDUSHELL" --db "$file" export documents --format jsonl --out "$WORK/$db.docs"
done
# Row ids follow the order of loading, which the shards do not keep.
python3 - "$WORK" <<'PY' || fail "merged shards differ from a direct load"
import json, sys
def rows(path):
    out = []
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        r.pop("id", None)
        out.append(json.dumps(r, sort_keys=True, ensure_ascii=False))
    return sorted(out)
w = sys.argv[1]
a, b = rows(w + "/direct.jsonl"), rows(w + "/merged.jsonl")
assert len(a) > 1000, len(a)
assert a == b, [x for x in a if x not in b][:2]
assert rows(w + "/direct.docs") == rows(w + "/merged.docs")
PY
expect_eq "$(edu "$DB" 'print(edu.search("义务教育").total or #edu.search("义务教育"))')" \
          "$(edu "$WORK/direct.db" 'print(edu.search("义务教育").total or #edu.search("义务教育"))')" "sentences found"

# Merging again changes nothing; a broken record is named by file and line.
again=$("$EDUSHELL" --db "$DB" load --jsonl "$WORK"/shards/*.jsonl 2>&1)
expect_contains "$again" "0 new, 0 replaced, 66 unchanged"
printf '{"path": "/x", "sha256": "00"}\nnot json\n' >"$WORK/bad.jsonl"
bad=$("$EDUSHELL" --db "$DB" load --jsonl "$WORK/bad.jsonl" 2>&1) && fail "a bad shard loaded"
expect_contains "$bad" "bad.jsonl:1: not a document record"
expect_contains "$bad" "bad.jsonl:2: JSON at byte 0"

# Records past --max-size: a text too long, and a line past 16 times the
# limit (read to its end unkept), each named; the record after them loads.
one=$(head -n 1 "$WORK/shards/1.jsonl")
len=$(printf '%s' "$one" | python3 -c 'import json,sys; print(len(json.loads(sys.stdin.read())["text"].encode()))')
{ printf '%s\n' "$one"; head -c $((20 * len)) /dev/zero | tr '\0' ' '; printf 'x\n%s\n' "$one"; } >"$WORK/long.jsonl"
long=$("$EDUSHELL" --db "$WORK/long.db" load --jsonl --max-size $((len - 1)) "$WORK/long.jsonl" 2>&1) \
  && fail "a record past --max-size loaded"
expect_contains "$long" "long.jsonl:1: a document of $len bytes, longer than --max-size"
expect_contains "$long" "long.jsonl:2: a record longer than"
expect_contains "$long" "long.jsonl:3: a document of $len bytes"
"$EDUSHELL" --db "$WORK/long.db" load --jsonl --max-size "$len" "$WORK/long.jsonl" >/dev/null 2>&1 \
  && fail "the long line loaded"
expect_eq "$(edu "$WORK/long.db" 'print(edu.sql("SELECT count(*) AS n FROM documents")[1].n)')" 1 \
          "documents merged around the long line"
echo ok
