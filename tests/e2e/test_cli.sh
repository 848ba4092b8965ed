# The command line: help generated from the command table, per command;
# usage errors exit 2 naming the command and its usage.
source "$(dirname "$0")/lib.sh"

help=$("$EDUSHELL" --help)
for c in load export run report; do
  expect_contains "$help" "  $c " "--help lists $c"
  out=$("$EDUSHELL" --db "$DB" "$c" --help) || fail "$c --help failed"
  expect_contains "$out" "usage: edushell [OPTIONS] $c " "$c --help"
done
expect_contains "$("$EDUSHELL" load --help)" "--changed"
expect_contains "$("$EDUSHELL" report --help)" "--wait SECONDS"
expect_contains "$("$EDUSHELL" export -h)" "--format"
# --help among a command's arguments is help, not a path ...
"$EDUSHELL" --db "$DB" load "$SRC/data/sample" --help >/dev/null
expect_eq "$(edu "$DB" 'print(#edu.docs())')" 0 "load --help loaded nothing"
# ... but after a script it belongs to the script.
printf 'print(...)\n' > "$WORK/args.lua"
expect_eq "$("$EDUSHELL" --db "$DB" run "$WORK/args.lua" --help x)" $'--help\tx' "run passes --help on"

# usage_error ARGS... -> exit 2 and one line with the command's usage
usage_error() {
  local rc=0 err
  err=$("$EDUSHELL" --db "$DB" "$@" 2>&1 >/dev/null) || rc=$?
  expect_eq "$rc" 2 "exit status of: $*"
  expect_eq "$(printf '%s\n' "$err" | wc -l)" 1 "one line from: $*"
  printf '%s' "$err"
}
expect_contains "$(usage_error load)" "edushell: load: no path given (usage: edushell load [--changed] [--convert] [--max-size SIZE] [--jobs N] [--batch SIZE] PATH... | --jsonl SHARD...)"
expect_contains "$(usage_error export nothing)" "export: what to export?"
expect_contains "$(usage_error export indicators --format xml)" "unknown format 'xml'"
expect_contains "$(usage_error run)" "run: no script given (usage: edushell run SCRIPT.lua"
expect_contains "$(usage_error report annual_report)" "report: --out FILE is required (usage: edushell report TEMPLATE"
expect_contains "$(usage_error report x --wait soon --out y)" "--wait needs a number of seconds"
expect_contains "$(usage_error frobnicate)" "unknown command 'frobnicate'"
expect_contains "$(usage_error --frobnicate)" "unknown option '--frobnicate'"
expect_contains "$(usage_error --max-memory 0 -e 1)" "--max-memory needs a positive whole number"
echo ok
