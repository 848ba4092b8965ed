#!/usr/bin/env bash
# Runs each fuzz target for a while, from seeds made of the test fixtures
# and the bundled sample (and every input that once crashed it), and prints
# the executions run and the edges covered per target. A crash, a leak, a
# hang (an input taking over 10 s) or undefined behaviour fails the run;
# libFuzzer leaves the input in BUILD/fuzz-crashes/.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]    (targets: source csv html ...)
# EDUSHELL_FUZZ_SEED fixes libFuzzer's random seed and runs each target
# on a fixed number of inputs (the table below, sized for about 20 s on
# a busy 2-core machine), SECONDS only capping the time: how far a run
# explores does not depend on the machine's speed, and its mutations follow
# the seed (coverage read at run time can still steer it a little). Unset,
# each run takes a new seed for SECONDS and explores further.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-30}
shift $(( $# < 2 ? $# : 2 ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for bin in "$build"/fuzz_*; do [ -x "$bin" ] && targets+=("${bin##*/fuzz_}"); done
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/fuzz-crashes"

# Inputs per target in a repeatable run.
declare -A repeatable_runs=(
  [csv]=40000 [docx]=40000 [html]=5000 [pdf]=300
  [quantity]=60000 [search_block]=2000 [sentence]=30000 [source]=5000 [xlsx]=60000
)

failed=0
printf '%-10s %12s %8s %8s\n' target executions edges corpus
for t in "${targets[@]}"; do
  corpus=$work/$t
  mkdir -p "$corpus"
  bash "$here/seeds.sh" "$t" "$corpus"
  log=$work/$t.log
  repeat_args=()
  if [ -n "${EDUSHELL_FUZZ_SEED:-}" ]; then
    repeat_args=(-seed="$EDUSHELL_FUZZ_SEED" -runs="${repeatable_runs[$t]:-10000}")
  fi
  if ! "$build/fuzz_$t" "${repeat_args[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/fuzz-crashes/$t-" "$corpus" >"$log" 2>&1; then
    echo "fuzz_$t failed; the input is in $build/fuzz-crashes/:" >&2
    grep -A30 -m1 "ERROR\|runtime error\|==ERROR\|deadly signal\|timeout" "$log" >&2 || tail -40 "$log" >&2
    failed=1
    continue
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-10s %12s %8s %8s\n' "$t" "${execs:-?}" "${edges:-?}" "$(ls "$corpus" | wc -l)"
done
exit $failed
