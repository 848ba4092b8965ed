# Loads stay bounded: a document past --max-size is an error before it is
# read, and a CSV corpus far larger than memory allows is read row by row,
# so the peak memory of its load does not grow with it.
source "$(dirname "$0")/lib.sh"

# peak_mb CMD...: runs CMD (its output to $WORK/out) and prints its peak
# resident memory in MiB and its exit status.
peak_mb() {
  python3 -c 'import resource, subprocess, sys
with open(sys.argv[1], "w") as out:
    rc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT, timeout=1200).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, rc)' "$WORK/out" "$@"
}
# AddressSanitizer keeps freed memory in quarantine (256 MiB): a small one
# lets the peak show what the program holds.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=16"

# A file of one 200 MiB line: refused at once by the default limit, 64 MiB.
python3 -c 'import sys; open(sys.argv[1], "w").write("教育" * ((200 << 20) // 6))' "$WORK/oneline.txt"
read -r peak rc < <(peak_mb "$EDUSHELL" --db "$DB" load "$WORK/oneline.txt")
expect_eq "$rc" 1 "exit status of a load past the limit"
expect_contains "$(cat "$WORK/out")" "oneline.txt: 200.0 MiB, more than 64 MiB, the limit of a document (raise it with --max-size)"
[ "$peak" -lt 100 ] || fail "refusing a 200 MiB file took $peak MiB"
rm "$WORK/oneline.txt"

# A CSV row past the limit: the whole file is refused, nothing of it stored.
python3 - "$WORK/rows.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("title,full_text\n")
    f.write('a,"2021年全市新增幼儿园57所。"\n')
    f.write('b,"' + "全市普惠性幼儿园覆盖率达92.81%。" * 60000 + '"\n')
PY
if "$EDUSHELL" --db "$DB" load --max-size 1M "$WORK/rows.csv" > "$WORK/out" 2>&1; then fail "a row past --max-size loaded"; fi
expect_contains "$(cat "$WORK/out")" "rows.csv: row 2 (line 3): more than 1 MiB, the limit of a document (raise it with --max-size)"
expect_eq "$(edu "$DB" 'print(#edu.docs())')" 0 "documents of a refused corpus"
"$EDUSHELL" --db "$DB" load --max-size 4M "$WORK/rows.csv" >/dev/null || fail "the corpus under --max-size 4M"
expect_eq "$(edu "$DB" 'print(#edu.docs())')" 2 "documents of the corpus"
if "$EDUSHELL" --db "$DB" load --max-size 0 "$WORK/rows.csv" 2>/dev/null; then fail "--max-size 0 accepted"; fi

# A 500 MiB corpus of many rows: loaded row by row. Its rows repeat one
# document, so the store keeps one and the test times the reading, not
# the indexing.
python3 - "$SRC/data/sample/001_019e954832e73c93.txt" "$WORK/big.csv" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().replace('"', '""')
row = ('"' + text + '"\n').encode()
with open(sys.argv[2], "wb") as f:
    f.write(b"full_text\n")
    for _ in range((500 << 20) // len(row) + 1):
        f.write(row)
PY
size_mb=$(( $(stat -c %s "$WORK/big.csv") >> 20 ))
[ "$size_mb" -ge 500 ] || fail "the corpus is only $size_mb MiB"
read -r peak rc < <(peak_mb "$EDUSHELL" --db "$WORK/big.db" load "$WORK/big.csv")
expect_eq "$rc" 0 "exit status of the 500 MiB load: $(tail -3 "$WORK/out")"
expect_contains "$(tail -1 "$WORK/out")" "1 new, 0 replaced,"
[ "$peak" -lt 300 ] || fail "loading a $size_mb MiB corpus took $peak MiB"
echo "a $size_mb MiB corpus loaded in $peak MiB"

# One sentence of 100,000 figures after a cue (a table flattened into one
# line): read in time in proportion to its length, so it ends well within
# the bound (read with a look back to every earlier figure, it took hours).
python3 - "$WORK/flat.txt" <<'PY'
import sys
figures = "、".join("新增学校%d所" % (i % 50 + 1) for i in range(100000))
open(sys.argv[1], "w", encoding="utf-8").write("某县教育局2023年工作总结\n截至2023年底，全县" + figures + "。\n")
PY
timeout 120 "$EDUSHELL" --db "$WORK/flat.db" load "$WORK/flat.txt" > "$WORK/out" 2>&1 \
  || fail "a sentence of 100,000 figures did not load within 120 s: $(tail -1 "$WORK/out")"
expect_contains "$(tail -1 "$WORK/out")" "100000 indicators"
expect_eq "$(edu "$WORK/flat.db" 'print(edu.sql("SELECT count(*) AS n FROM indicators WHERE kind = \"actual\"")[1].n)')" 100000 \
  "figures of a result read as results"
echo ok
