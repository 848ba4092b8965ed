# Loading on worker threads and in batches: the result does not depend on
# the number of threads or the batch size; documents are reported in the
# order of the paths; two loads into one database at the same time both
# succeed and store every document once.
source "$(dirname "$0")/lib.sh"
inputs=("$SRC/data/sample" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv "$SHARED/corpus/pages")

"$EDUSHELL" --db "$WORK/one.db" load --jobs 1 "${inputs[@]}" >"$WORK/one.out" 2>"$WORK/one.err" \
  || fail "load --jobs 1: $(cat "$WORK/one.err")"
"$EDUSHELL" --db "$WORK/many.db" load --jobs 3 --batch 64k "${inputs[@]}" >"$WORK/many.out" 2>"$WORK/many.err" \
  || fail "load --jobs 3: $(cat "$WORK/many.err")"
# 5 seeds, 31 provincial reports, 30 pages (their manifest.tsv is skipped).
expect_eq "$(wc -l <"$WORK/one.out")" 66 "documents loaded"
cmp -s "$WORK/one.out" "$WORK/many.out" || fail "threads or batches change what load reports"
for db in one many; do
  "$EDUSHELL" --db "$WORK/$db.db" export indicators --format jsonl --out "$WORK/$db.jsonl"
done
cmp -s "$WORK/one.jsonl" "$WORK/many.jsonl" || fail "threads or batches change the indicators"
expect_eq "$(edu "$WORK/many.db" "print(#edu.search('教育'))")" \
          "$(edu "$WORK/one.db" "print(#edu.search('教育'))")" "sentences found"

# Bad options are refused with the usage.
out=$("$EDUSHELL" --db "$DB" load --jobs 0 "$SRC/data/sample" 2>&1) && fail "--jobs 0 accepted"
expect_contains "$out" "--jobs takes a number"
out=$("$EDUSHELL" --db "$DB" load --batch lots "$SRC/data/sample" 2>&1) && fail "--batch lots accepted"
expect_contains "$out" "--batch takes a size"

# Two loads side by side, in small batches, partly the same documents.
"$EDUSHELL" --db "$DB" load --batch 64k "${inputs[@]}" >"$WORK/a.out" 2>"$WORK/a.err" &
a=$!
"$EDUSHELL" --db "$DB" load --batch 64k "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv \
  >"$WORK/b.out" 2>"$WORK/b.err" &
b=$!
wait $a || fail "first of two loads failed: $(cat "$WORK/a.err")"
wait $b || fail "second of two loads failed: $(cat "$WORK/b.err")"
expect_not_contains "$(cat "$WORK/a.err" "$WORK/b.err")" "UNIQUE"
count() { edu "$1" "print(edu.sql('SELECT count(*) AS n FROM $2')[1].n)"; }
for table in documents indicators sentences; do
  expect_eq "$(count "$DB" $table)" "$(count "$WORK/one.db" $table)" "$table after two loads"
done
echo ok
