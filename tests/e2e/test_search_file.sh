# The search file beside the database ("<db>-search", written by its own
# indexer) through its life: searches find exactly what a scan of the
# sentences finds when the file is whole, missing, of another database,
# after documents are replaced, and after two loads ran at once; a load
# leaves it holding every sentence.
source "$(dirname "$0")/lib.sh"

# The number of sentences edu.search finds for each word must be the number
# holding it, found by reading every sentence.
searches_exact() {
  edu "$1" 'for _, w in ipairs{"教育", "幼儿园", "覆盖率", "2021", "学", "替换后的新句子", "旧句子"} do
    local found = edu.search(w, 1000000)
    local scan = edu.sql("SELECT count(*) AS n FROM sentences WHERE instr(text, ?1) > 0", w)[1].n
    if #found ~= scan then error(w .. ": " .. #found .. " found, " .. scan .. " in a scan") end
  end'
}
# Whether the index answers alone for every sentence (1) or not (0).
caught_up() {
  edu "$1" 'print(edu.sql("SELECT (SELECT id FROM search_through) = (SELECT max(id) FROM sentence_spans) AS v")[1].v)'
}
sentences_past_index() {
  edu "$1" 'print(edu.sql("SELECT count(*) AS n FROM sentence_spans WHERE id > (SELECT id FROM search_through)")[1].n)'
}

mkdir "$WORK/docs"
cp "$SRC"/data/sample/* "$WORK/docs/"
printf '教育局通知\n这是旧句子，学校共有12所。\n' >"$WORK/docs/extra.txt"
"$EDUSHELL" --db "$DB" load "$WORK/docs" >/dev/null 2>&1 || fail "the first load"
[ -s "$DB-search" ] || fail "no search file beside the database"
expect_eq "$(caught_up "$DB")" 1 "the index after a load"
searches_exact "$DB" || fail "searches after a load"

# Deleted: the next start makes an empty one, and searches read the text.
rm -f "$DB-search" "$DB-search-wal" "$DB-search-shm"
[ "$(sentences_past_index "$DB")" -gt 100 ] || fail "an empty search file answers for sentences"
searches_exact "$DB" || fail "searches without the search file"
# A load, even of nothing new, catches it up.
out=$("$EDUSHELL" --db "$DB" load "$WORK/docs" 2>&1) || fail "the load that catches up: $out"
expect_contains "$out" "0 new, 0 replaced, 6 unchanged"
expect_eq "$(caught_up "$DB")" 1 "the index made again"
searches_exact "$DB" || fail "searches after the index was made again"

# Another database's search file: it answers for nothing until made again.
"$EDUSHELL" --db "$WORK/other.db" load "$SRC/data/sample" >/dev/null 2>&1 || fail "the other load"
cp "$WORK/other.db-search" "$DB-search"
expect_eq "$(sentences_past_index "$DB")" "$(edu "$DB" 'print(edu.sql("SELECT count(*) AS n FROM sentence_spans")[1].n)')" \
  "sentences another database's index answers for"
searches_exact "$DB" || fail "searches with another database's search file"
"$EDUSHELL" --db "$DB" load "$WORK/docs" >/dev/null 2>&1 || fail "the load after the copy"
expect_eq "$(caught_up "$DB")" 1 "the index after another database's file"
searches_exact "$DB" || fail "searches after another database's file was made again"

# A document replaced: its old sentences leave the index, the new enter.
printf '教育局通知\n这是替换后的新句子，学校共有13所。\n' >"$WORK/docs/extra.txt"
out=$("$EDUSHELL" --db "$DB" load "$WORK/docs" 2>&1) || fail "the load that replaces: $out"
expect_contains "$out" "1 replaced"
expect_eq "$(caught_up "$DB")" 1 "the index after a replacement"
expect_eq "$(edu "$DB" 'print(#edu.search("旧句子"))')" 0 "the replaced sentence found"
expect_eq "$(edu "$DB" 'print(#edu.search("替换后"))')" 1 "the new sentence found"
expect_eq "$(edu "$DB" 'print(edu.sql("SELECT count(*) AS n FROM edu_sentence_search(?1)", "旧句")[1].n)')" \
  0 "sentences the index still holds for the replaced text"
searches_exact "$DB" || fail "searches after a replacement"
# The removed text is kept only until the index has taken it out.
printf '第二份\n又一个句子。\n' >"$WORK/docs/more.txt"
"$EDUSHELL" --db "$DB" load "$WORK/docs" >/dev/null 2>&1 || fail "the load after the replacement"
expect_eq "$(edu "$DB" 'print(edu.sql("SELECT count(*) AS n FROM search_removed")[1].n)')" 0 "removed sentences kept"
# A load of nothing new writes to neither file.
stamp() { sha256sum "$DB" "$DB-search" | cut -d' ' -f1; }
before=$(stamp)
"$EDUSHELL" --db "$DB" load "$WORK/docs" >/dev/null 2>&1 || fail "the load of nothing new"
expect_eq "$(stamp)" "$before" "the files after a load of nothing new"

# Two loads at once into one database: both end, and the index holds the
# sentences of both.
mkdir "$WORK/a" "$WORK/b"
for i in 1 2 3 4 5 6; do
  for f in "$SRC"/data/sample/*; do
    { echo "副本$i"; cat "$f"; } >"$WORK/$([ $((i % 2)) = 0 ] && echo a || echo b)/$i-$(basename "$f")"
  done
done
"$EDUSHELL" --db "$WORK/two.db" load --batch 64k "$WORK/a" >/dev/null 2>"$WORK/a.err" &
pa=$!
"$EDUSHELL" --db "$WORK/two.db" load --batch 64k "$WORK/b" >/dev/null 2>"$WORK/b.err" &
pb=$!
wait $pa || fail "the first of two loads at once: $(cat "$WORK/a.err")"
wait $pb || fail "the second of two loads at once: $(cat "$WORK/b.err")"
expect_eq "$(edu "$WORK/two.db" 'print(edu.sql("SELECT count(*) AS n FROM documents")[1].n)')" 30 "documents of two loads"
expect_eq "$(caught_up "$WORK/two.db")" 1 "the index after two loads at once"
searches_exact "$WORK/two.db" || fail "searches after two loads at once"
# A search file that cannot be made (a directory in its place): the load
# stores every row and fails naming the file, and searches read the text.
mkdir "$WORK/blocked.db-search"
out=$("$EDUSHELL" --db "$WORK/blocked.db" load "$WORK/docs" 2>&1) && fail "a load without its search file succeeded"
expect_contains "$out" "blocked.db-search: unable to open"
expect_contains "$out" "the rows are stored"
expect_eq "$(edu "$WORK/blocked.db" 'print(edu.sql("SELECT count(*) AS n FROM documents")[1].n)')" 7 "documents without a search file"
searches_exact "$WORK/blocked.db" || fail "searches without a search file to be had"
echo ok
