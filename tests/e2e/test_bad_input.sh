# Bad input: each gets a one-line error naming the file and the reason, the
# other files still load, nothing half-loaded stays, exit status non-zero.
source "$(dirname "$0")/lib.sh"
FIX=$SRC/tests/fixtures

bad_load() {  # bad_load PATH REASON
  local out status=0
  out=$("$EDUSHELL" --db "$DB" load "$1" "$SRC/data/sample/002_218492bfd16679c2.txt" 2>&1 >/dev/null) || status=$?
  [ "$status" -ne 0 ] || fail "$1: exit status 0"
  local line
  line=$(printf '%s\n' "$out" | grep -F "$(basename "$1")") || fail "$1: no error naming it; got: $out"
  expect_eq "$(printf '%s\n' "$line" | wc -l | tr -d ' ')" 1 "error lines for $1"
  expect_contains "$line" "$2" "error for $1"
}

bad_load "$WORK/missing.txt" "No such file"
bad_load "$FIX/bad/empty.txt" "empty"
bad_load "$FIX/bad/binary.txt" "binary"
bad_load "$FIX/bad/latin1.txt" "not UTF-8, UTF-16, GB18030 or Big5"
bad_load "$FIX/bad/no_full_text.csv" "full_text"
bad_load "$SHARED/corpus/provinces-2026/run_manifest_2026.csv" "full_text"

# The good file beside them loaded, once; nothing of the bad ones did.
names=$(edu "$DB" 'for _, d in ipairs(edu.docs()) do print(d.name) end')
expect_eq "$names" "002_218492bfd16679c2.txt" "documents after bad input"
orphans=$(edu "$DB" 'print(edu.sql("SELECT (SELECT count(*) FROM sentence_spans WHERE doc_id NOT IN (SELECT id FROM documents)) + (SELECT count(*) FROM indicators WHERE doc_id NOT IN (SELECT id FROM documents)) AS n")[1].n)')
expect_eq "$orphans" 0 "rows of documents that did not load"

# A CSV with one bad row loads nothing of that file.
printf 'province,full_text\n江苏省,"2026年江苏省政府工作报告。地区生产总值增长5%%左右。"\n浙江省,""\n' > "$WORK/partial.csv"
if "$EDUSHELL" --db "$DB" load "$WORK/partial.csv" >/dev/null 2>"$WORK/err"; then fail "partial CSV loaded"; fi
expect_contains "$(cat "$WORK/err")" "partial.csv"
expect_eq "$(edu "$DB" 'print(#edu.docs{name = "partial.csv"})')" 0 "rows of a bad CSV"

# A database file that is not SQLite.
printf 'this is not a database\n' > "$WORK/not.db"
if out=$("$EDUSHELL" --db "$WORK/not.db" load "$SRC/data/sample" 2>&1); then fail "loaded into a non-SQLite file"; fi
expect_contains "$out" "not.db: not an SQLite database"
expect_eq "$(cat "$WORK/not.db")" "this is not a database" "non-SQLite file untouched"

# Usage errors.
if "$EDUSHELL" --db "$DB" frobnicate 2>/dev/null; then fail "unknown command accepted"; fi
if "$EDUSHELL" --db "$DB" load 2>/dev/null; then fail "load without paths accepted"; fi
"$EDUSHELL" --help | grep -q "usage: edushell" || fail "--help"
"$EDUSHELL" --version | grep -q "^edushell [0-9]" || fail "--version"
echo ok
