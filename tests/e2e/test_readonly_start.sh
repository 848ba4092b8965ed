# A command that only reads writes nothing to the database: no schema, no
# metric table, no write lock (checked with another connection's
# PRAGMA data_version, which changes when anyone commits).
source "$(dirname "$0")/lib.sh"
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" >/dev/null 2>&1
stamp() { stat -c '%s %Y' "$DB"; sha256sum <"$DB"; }
before=$(stamp)
for chunk in 'print(1)' 'print(#edu.search("幼儿园"))' 'print(#edu.indicators{metric = "覆盖率"})' \
             'print(edu.series{region = "无锡市", metric = "普惠性幼儿园覆盖率"})'; do
  edu "$DB" "$chunk" >/dev/null || fail "$chunk"
done
"$EDUSHELL" --db "$DB" export documents >/dev/null
expect_eq "$(stamp)" "$before" "the database after read-only commands"
[ ! -s "$DB-wal" ] || fail "a read-only command left a write-ahead log"
echo ok
