# A load killed with SIGKILL in the middle (once, then at twenty random
# points) leaves a database that passes
# PRAGMA integrity_check and holds no part of a document: every document
# stored has all its sentences and indicators. Running the load again
# completes it, as if it had never been killed.
source "$(dirname "$0")/lib.sh"

# Ninety-three documents: the provincial reports three times over, each copy
# with its own first line so that its bytes differ.
python3 - "$WORK/corpus" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv <<'PY'
import csv, os, sys
out = sys.argv[1]
os.makedirs(out)
csv.field_size_limit(1 << 30)
for copy in range(3):
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = next(csv.DictReader(f))["full_text"]
        name = os.path.basename(path).replace(".csv", "-%d.txt" % copy)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("副本%d\n%s" % (copy, text))
PY

"$EDUSHELL" --db "$WORK/whole.db" load "$WORK/corpus" >/dev/null 2>&1 || fail "the load to compare with failed"

# Batches of three or four documents, so the kill falls in the middle of
# one, with batches committed before it.
"$EDUSHELL" --db "$DB" load --batch 200k "$WORK/corpus" >"$WORK/out" 2>/dev/null &
pid=$!
for _ in $(seq 600); do
  [ "$(wc -l <"$WORK/out")" -ge 6 ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
kill -KILL $pid 2>/dev/null || fail "the load ended before it could be killed"
wait $pid 2>/dev/null && fail "the killed load reported success"

q() { edu "$1" "for _, r in ipairs(edu.sql([[$2]])) do print(r.v) end"; }
# Searches find exactly the sentences holding the word, whether or not the
# search file had caught up when the load was killed. (PRAGMA
# integrity_check covers the attached search file too.)
searches_exact() {
  edu "$1" 'for _, w in ipairs{"教育", "学校", "高质量", "2025", "村"} do
    local found = #edu.search(w, 1000000)
    local scan = edu.sql("SELECT count(*) AS n FROM sentences WHERE instr(text, ?1) > 0", w)[1].n
    if found ~= scan then error(w .. ": " .. found .. " found, " .. scan .. " in a scan") end
  end'
}
expect_eq "$(edu "$DB" 'print(edu.sql("PRAGMA integrity_check")[1].integrity_check)')" ok "integrity_check after the kill"
searches_exact "$DB" || fail "searches after the kill"
stored=$(q "$DB" "SELECT count(*) AS v FROM documents")
all=$(q "$WORK/whole.db" "SELECT count(*) AS v FROM documents")
[ "$stored" -gt 0 ] && [ "$stored" -lt "$all" ] || fail "the kill came at no point of the load ($stored of $all)"

# Each document stored is whole: the same sentences and indicators as in
# the load that ran to its end.
parts="SELECT d.path || ' ' || (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) || ' '
       || (SELECT count(*) FROM indicators i WHERE i.doc_id = d.id) AS v FROM documents d ORDER BY d.path"
q "$DB" "$parts" >"$WORK/killed.parts"
q "$WORK/whole.db" "$parts" >"$WORK/whole.parts"
missing=$(comm -23 "$WORK/killed.parts" "$WORK/whole.parts")
[ -z "$missing" ] || fail "documents stored in part: $missing"

# Twenty more kills at random points, each of a load into a new database:
# after a random number of documents reported (up to a third of them) and
# a random pause, so a kill falls in a batch, in a commit or between them.
# Every one leaves a sound database holding whole documents only.
RANDOM=20261207
mid=0
for round in $(seq 20); do
  db=$WORK/round$round.db
  after=$(( RANDOM % 31 + 1 ))
  "$EDUSHELL" --db "$db" load --batch 200k "$WORK/corpus" >"$WORK/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 1200); do
    [ "$(wc -l <"$WORK/out")" -ge "$after" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.02
  done
  sleep "0.0$(( RANDOM % 10 ))"
  kill -KILL $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  expect_eq "$(edu "$db" 'print(edu.sql("PRAGMA integrity_check")[1].integrity_check)')" ok \
            "integrity_check after kill $round"
  searches_exact "$db" || fail "searches after kill $round"
  q "$db" "$parts" >"$WORK/round.parts"
  missing=$(comm -23 "$WORK/round.parts" "$WORK/whole.parts")
  [ -z "$missing" ] || fail "kill $round left documents stored in part: $missing"
  [ "$(wc -l <"$WORK/round.parts")" -lt "$all" ] && mid=$((mid + 1))
  rm -f "$db" "$db"-*
done
[ "$mid" -ge 15 ] || fail "only $mid of 20 kills came before the load's end"
echo "$mid of 20 kills came before the load's end, each leaving whole documents only"

# Again, to the end: the same database as the load never killed.
"$EDUSHELL" --db "$DB" load "$WORK/corpus" >/dev/null 2>&1 || fail "the load run again failed"
q "$DB" "$parts" >"$WORK/again.parts"
cmp -s "$WORK/again.parts" "$WORK/whole.parts" || fail "the load run again differs from a whole one"
expect_eq "$(q "$DB" "SELECT count(*) AS v FROM edu_sentence_search('教育')")" \
          "$(q "$WORK/whole.db" "SELECT count(*) AS v FROM edu_sentence_search('教育')")" \
          "sentences found after the load run again"
expect_eq "$(q "$DB" "SELECT (SELECT id FROM search_through) = (SELECT max(id) FROM sentence_spans) AS v")" 1 \
          "the search file caught up by the load run again"
searches_exact "$DB" || fail "searches after the load run again"
echo ok
