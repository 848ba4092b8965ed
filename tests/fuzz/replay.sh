#!/usr/bin/env bash
# A test of the ordinary build: a fuzz target's function over its seeds and
# over every input that once crashed it (tests/fuzz/regressions/TARGET).
#   tests/fuzz/replay.sh REPLAY_BINARY TARGET
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash "$here/seeds.sh" "$2" "$work"
"$1" "$work"/*
