#!/usr/bin/env bash
# Writes the seed inputs of one fuzz target into a folder: the test
# fixtures (whole files for the readers, only .docx, .xlsx or .pdf ones for
# those formats' readers, one line a seed for the number, quantity and
# sentence readers, which see sentences), the bundled sample,
# and the inputs that once crashed the target (tests/fuzz/regressions/).
#   tests/fuzz/seeds.sh TARGET DIR
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
target=$1
dir=$2
mkdir -p "$dir"
files=()
while IFS= read -r -d '' f; do files+=("$f"); done \
  < <(find "$top/tests/fixtures" "$top/data/sample" -type f -print0 | sort -z)
n=0
case $target in
  quantity|sentence)
    for f in "${files[@]}"; do
      while IFS= read -r line; do
        [ -n "$line" ] || continue
        n=$((n + 1))
        printf '%s\n' "$line" > "$dir/line-$n"
      done < "$f"
    done ;;
  docx|xlsx|pdf)
    for f in "${files[@]}"; do
      case $f in *."$target") n=$((n + 1)); cp "$f" "$dir/file-$n" ;; esac
    done ;;
  *)
    for f in "${files[@]}"; do
      n=$((n + 1))
      cp "$f" "$dir/file-$n"
    done ;;
esac
if [ -d "$top/tests/fuzz/regressions/$target" ]; then
  cp "$top/tests/fuzz/regressions/$target"/* "$dir"/ 2>/dev/null || true
fi
