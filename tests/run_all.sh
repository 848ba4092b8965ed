#!/usr/bin/env bash
# Builds edushell and runs the whole test suite twice: a normal build (with
# a valgrind run of the binary), then
# one under AddressSanitizer and UndefinedBehaviorSanitizer; then runs each
# fuzz target briefly when clang is installed.
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
# The fuzz targets, briefly, when clang with libFuzzer is installed
# (scripts/setup.sh installs it): each runs a fixed number of inputs from
# its seeds with a fixed random seed (EDUSHELL_FUZZ_SEED, 1), so that how
# far it explores does not depend on the machine's speed, capped at
# EDUSHELL_FUZZ_SECONDS (120); tests/fuzz/run.sh run by hand takes a new
# seed and explores further.
if echo 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }' |
   clang -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then
  echo "== fuzz targets, a fixed set of inputs each (at most ${EDUSHELL_FUZZ_SECONDS:-120} s)"
  CC=clang cmake -S "$top" -B "$top/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEDUSHELL_FUZZ=ON \
    -DBUILD_TESTING=OFF >/dev/null
  cmake --build "$top/build-fuzz" -j"$jobs" --target fuzz
  EDUSHELL_FUZZ_SEED=${EDUSHELL_FUZZ_SEED:-1} \
    "$top/tests/fuzz/run.sh" "$top/build-fuzz" "${EDUSHELL_FUZZ_SECONDS:-120}"
else
  echo "== fuzz targets skipped: clang with libFuzzer is not installed (apt-get install clang libclang-rt-dev)"
fi
echo "all tests passed"
