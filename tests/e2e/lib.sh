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
