#!/usr/bin/env bash
# Builds edushell and runs the whole test suite twice: a normal build (with
# a valgrind run of the binary), then
# one under AddressSanitizer and UndefinedBehaviorSanitizer.
#   tests/run_all.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)

run_suite() {
  local dir=$1; shift
  cmake -S "$top" -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  (cd "$dir" && ctest --output-on-failure -j"$jobs")
}

echo "== tests (RelWithDebInfo)"
run_suite "$top/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEDUSHELL_WERROR=ON
echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite "$top/build-asan" -DCMAKE_BUILD_TYPE=Debug -DEDUSHELL_SANITIZE=ON -DEDUSHELL_WERROR=ON
echo "all tests passed"
