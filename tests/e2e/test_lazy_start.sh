# A start does only what the run needs: the Lua library, and each of its
# parts, load on the first use of one of their names; the database opens
# with the library; the pipeline (gazetteer, vocabulary) on the first load
# or region look-up; and the metric table of data/ is read only when its
# bytes differ from those the database was last synced from. Nothing here
# is timed: the benchmark times the start.
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null

# Every documented name is there on its first use, each in a fresh process.
names=$(edu "$DB" 'local n = {} for k in pairs(require("edu.help")) do n[#n + 1] = k end table.sort(n) print(table.concat(n, " "))')
[ -n "$names" ] || fail "no documented names"
for name in $names; do
  [ "$name" = rows ] && continue
  out=$(edu "$DB" "local v = $name print(v ~= nil)") || fail "$name on first use"
  expect_eq "$out" true "$name on first use"
done
# Listing edu lists every part: the same names as after using them all.
out=$(edu "$DB" '
  local listed = {} for k in pairs(edu) do listed[#listed + 1] = k end table.sort(listed)
  local raw = {} for k in next, edu do raw[#raw + 1] = k end table.sort(raw)
  print(table.concat(listed, " ") == table.concat(raw, " "), #listed > 25)')
expect_eq "$out" $'true\ttrue' "pairs(edu) against the raw table after it"
out=$(edu "$DB" 'local raw = 0 for _ in next, edu do raw = raw + 1 end
  local _ = edu.rank
  local after = 0 for _ in next, edu do after = after + 1 end
  print(after > raw, rawget(edu, "report") == nil)')
expect_eq "$out" $'true\ttrue' "edu.rank loads its part and no other"
# The parts come from scripts/: a broken one is an error when first used,
# with the file named; the rest of the library works.
mkdir -p "$WORK/scripts"
cp -r "$SRC/scripts/edu.lua" "$SRC/scripts/edu" "$SRC/scripts/templates" "$WORK/scripts/"
echo 'this is not Lua' >>"$WORK/scripts/edu/analysis.lua"
status=0
err=$(EDUSHELL_SCRIPTS=$WORK/scripts "$EDUSHELL" --db "$DB" -e 'print(#edu.docs{}) print(edu.rank)' 2>&1) || status=$?
expect_eq "$status" 1 "the exit status after a broken part"
expect_contains "$err" "5"
expect_contains "$err" "analysis.lua"

# The database opens when the library is first used: a script that never
# uses edu leaves a new path alone and does not read a file that is not
# a database; the first use opens (or creates) it, and names a bad one.
expect_eq "$("$EDUSHELL" --db "$WORK/new.db" -e 'print(1 + 1)')" 2 "a script without edu"
[ ! -e "$WORK/new.db" ] || fail "a script that did not use edu created the database"
expect_eq "$("$EDUSHELL" --db "$WORK/new.db" -e 'print(#edu.docs{})')" 0 "the first use of a new database"
[ -s "$WORK/new.db" ] || fail "the first use did not create the database"
printf 'this is not a database\n' >"$WORK/not.db"
expect_eq "$("$EDUSHELL" --db "$WORK/not.db" -e 'print(1)')" 1 "a script without edu on a file that is no database"
status=0
err=$("$EDUSHELL" --db "$WORK/not.db" -e 'print(#edu.docs{})' 2>&1) || status=$?
expect_eq "$status" 1 "the exit status of edu on a file that is no database"
expect_contains "$err" "not.db: not an SQLite database"
expect_eq "$(cat "$WORK/not.db")" "this is not a database" "the file that is no database"
# A sandboxed script opens the database at the start, to guard it.
err=$("$EDUSHELL" --sandbox --db "$WORK/not.db" -e 'print(1)' 2>&1) && fail "a sandbox on a file that is no database"
expect_contains "$err" "not.db: not an SQLite database"

# The pipeline opens when first needed: a region look-up and a load work
# from a session that has not used them.
expect_eq "$(edu "$DB" 'print(edu.region("无锡"))')" "无锡市" "a region look-up"
expect_eq "$(edu "$DB" 'print(#edu.docs{region = "无锡"})')" "$(edu "$DB" 'print(#edu.docs{region = "无锡市"})')" "a region filter"
out=$(edu "$WORK/l.db" 'local docs, errors = edu.load("'"$SRC"'/data/sample") print(#docs, #errors, #edu.indicators{} > 100)')
expect_eq "$out" $'5\t0\ttrue' "edu.load in a session"
# A missing gazetteer is an error when it is needed, not at the start.
mkdir -p "$WORK/data"
cp -r "$SRC/data/." "$WORK/data/"
rm "$WORK/data/regions.tsv"
expect_eq "$(EDUSHELL_DATA=$WORK/data "$EDUSHELL" --db "$DB" -e 'print(#edu.docs{})')" 5 "a query without the gazetteer"
err=$(EDUSHELL_DATA=$WORK/data "$EDUSHELL" --db "$DB" -e 'print(edu.region("无锡"))' 2>&1) && fail "a region look-up without the gazetteer"
expect_contains "$err" "regions.tsv"

# The metric table: the file's hash is recorded with the sync; a changed
# file is synced again; a database synced before the hash was kept starts
# without writing and is brought up to date by the next load.
setting() { sqlite3 "$DB" "SELECT value FROM settings WHERE key = '$1'"; }
expect_eq "$(setting metrics_file_sha256 | cut -d' ' -f1)" "$(sha256sum <"$SRC/data/metrics.tsv" | cut -d' ' -f1)" "the recorded hash"
expect_eq "$(setting metrics_file_sha256 | cut -d' ' -f2)" "$(setting metrics_file_fingerprint)" "the recorded fingerprint"
cp -r "$SRC/data/." "$WORK/data/"
printf 'zz_test_metric\t测试指标专用\t测试专用指标\t测试\t%%\thigher\n' >>"$WORK/data/metrics.tsv"
out=$(EDUSHELL_DATA=$WORK/data "$EDUSHELL" --db "$DB" -e 'print(edu.metric.resolve("测试指标专用"))')
expect_eq "$out" zz_test_metric "a metric added to the file"
expect_eq "$(setting metrics_file_sha256 | cut -d' ' -f1)" "$(sha256sum <"$WORK/data/metrics.tsv" | cut -d' ' -f1)" "the hash after a change"
out=$("$EDUSHELL" --db "$DB" -e 'print(edu.metric.resolve("测试指标专用"))')
expect_eq "$out" nil "the metric gone with the file's line"
sqlite3 "$DB" "DELETE FROM settings WHERE key = 'metrics_file_sha256'"
stamp() { sha256sum <"$DB"; }
before=$(stamp)
edu "$DB" 'print(#edu.indicators{metric = "覆盖率"})' >/dev/null
expect_eq "$(stamp)" "$before" "a start on a database without the hash"
expect_eq "$(setting metrics_file_sha256)" "" "the hash after a read-only start"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null
expect_eq "$(setting metrics_file_sha256 | cut -d' ' -f1)" "$(sha256sum <"$SRC/data/metrics.tsv" | cut -d' ' -f1)" "the hash after a load"
echo ok
