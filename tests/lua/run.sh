#!/usr/bin/env bash
# Runs one Lua test file with the program over a fresh database holding
# the bundled sample: real SQLite, the real library.
#   tests/lua/run.sh EDUSHELL SOURCE_TREE tests/lua/test_x.lua
set -euo pipefail
exe=$1 src=$2 script=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$exe" --db "$work/test.db" load "$src/data/sample" >/dev/null 2>&1
cd "$work"
LUA_PATH="$src/tests/lua/?.lua;;" exec "$exe" --db "$work/test.db" run "$script"
