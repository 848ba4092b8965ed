# Loading the bundled sample: one line per document with region, year, kind;
# metadata of every seed; loading again changes nothing; a changed file
# replaces its old rows.
source "$(dirname "$0")/lib.sh"

out=$("$EDUSHELL" --db "$DB" load "$SRC/data/sample")
expect_eq "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 5 "documents loaded"
expect_contains "$out" $'000_b6db7edfdf7e32f2.txt\t无锡市\t2021\tsummary'
expect_contains "$out" $'001_019e954832e73c93.txt\t无锡市\t2022\tplan'
expect_contains "$out" $'002_218492bfd16679c2.txt\t无锡市\t2020\tmidyear'
expect_contains "$out" $'003_62fab0e769c6bf60.txt\t无锡市\t2023\tprogress'
expect_contains "$out" $'004_4dfda354a9c2e969.txt\t太仓市\t2021\tplan'

levels=$(edu "$DB" 'for _, d in ipairs(edu.docs()) do print(d.name, d.level) end')
expect_contains "$levels" $'004_4dfda354a9c2e969.txt\tcounty'
expect_contains "$levels" $'000_b6db7edfdf7e32f2.txt\tprefecture'

count() { edu "$DB" "print(edu.sql('SELECT count(*) AS n FROM $1')[1].n)"; }
docs=$(count documents); inds=$(count indicators); sents=$(count sentences)
[ "$inds" -gt 100 ] || fail "only $inds indicators from the sample"

# The same bytes again: nothing changes.
again=$("$EDUSHELL" --db "$DB" load "$SRC/data/sample")
expect_contains "$again" "(unchanged)"
expect_eq "$(count documents)" "$docs" "documents after reload"
expect_eq "$(count indicators)" "$inds" "indicators after reload"
expect_eq "$(count sentences)" "$sents" "sentences after reload"

# A changed file replaces its rows instead of adding to them.
cp "$SRC/data/sample/004_4dfda354a9c2e969.txt" "$WORK/plan.txt"
"$EDUSHELL" --db "$DB" load "$WORK/plan.txt" >/dev/null   # same bytes as 004: unchanged
expect_eq "$(count documents)" "$docs" "documents after loading a copy"
printf '\n新增学位3000个。\n' >> "$WORK/plan.txt"
"$EDUSHELL" --db "$DB" load "$WORK/plan.txt" >/dev/null
n1=$(count documents)
expect_eq "$n1" "$((docs + 1))" "documents after a new file"
cp "$SRC/data/sample/004_4dfda354a9c2e969.txt" "$WORK/plan.txt"
printf '\n新增学位4000个。\n' >> "$WORK/plan.txt"
replaced=$("$EDUSHELL" --db "$DB" load "$WORK/plan.txt")
expect_contains "$replaced" "(replaced)"
expect_eq "$(count documents)" "$n1" "documents after a changed file"
expect_eq "$(edu "$DB" "print(#edu.search('新增学位4000'))")" 1 "new sentence searchable"
expect_eq "$(edu "$DB" "print(#edu.search('新增学位3000'))")" 0 "old sentence gone"

# --changed skips what is stored already.
changed=$("$EDUSHELL" --db "$DB" load --changed "$SRC/data/sample" 2>&1)
expect_contains "$changed" "5 unchanged"
echo ok
