# Shared by the end-to-end tests: sourced with $1 = edushell binary,
# $2 = source tree, $3 = the shared folder (seeds, corpus, gold).
set -euo pipefail
EDUSHELL=$1
SRC=$2
export SRC
SHARED=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export EDUSHELL_HISTORY=$WORK/history
DB=$WORK/test.db

fail() { echo "FAIL: $*" >&2; exit 1; }

# expect_contains HAYSTACK NEEDLE [what]
expect_contains() {
  case "$1" in *"$2"*) ;; *) fail "${3:-output} lacks '$2'; got: $(printf '%s' "$1" | head -c 2000)";; esac
}
expect_not_contains() {
  case "$1" in *"$2"*) fail "${3:-output} contains '$2'";; *) ;; esac
}
expect_eq() {
  [ "$1" = "$2" ] || fail "${3:-value}: expected '$2', got '$1'"
}
# edu DB LUA: runs a Lua chunk against DB and prints its output
edu() { "$EDUSHELL" --db "$1" -e "$2"; }

# figures_against_text NAME MIN_PERCENT LOAD_ARG...: loads the files into
# WORK/NAME.db (load's messages in WORK/NAME.err) and fails unless at least
# MIN_PERCENT of the (value, unit, metric) figures of WORK/text.jsonl (an
# export of their text versions) are among theirs; prints the share.
figures_against_text() {
  local name=$1 min=$2; shift 2
  "$EDUSHELL" --db "$WORK/$name.db" load "$@" >/dev/null 2>"$WORK/$name.err" || fail "$name: $(cat "$WORK/$name.err")"
  "$EDUSHELL" --db "$WORK/$name.db" export indicators --format jsonl --out "$WORK/$name.jsonl"
  local m
  m=$(python3 "$SRC/tests/e2e/figures_match.py" "$WORK/text.jsonl" "$WORK/$name.jsonl" 2>"$WORK/$name.docs")
  echo "$name: $m (matched, of, percent; at least $min%)"
  set -- $m
  [ "$2" -gt 0 ] || fail "$name: no figures to compare"
  python3 -c "import sys; sys.exit(0 if float('$3') >= $min else 1)" ||
    fail "$name: $3% of the text version's figures, less than $min%: $(cat "$WORK/$name.docs")"
}
