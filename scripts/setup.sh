#!/usr/bin/env bash
# Installs what is missing (Debian packages), builds edushell, loads the
# bundled sample documents into a fresh database and prints an overview.
#   scripts/setup.sh [DATABASE]      (default: edushell-sample.db)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
db=${1:-$top/edushell-sample.db}

packages=(build-essential cmake pkg-config liblua5.4-dev libsqlite3-dev libreadline-dev
          libcmocka-dev libutf8proc-dev libxlsxwriter-dev python3 valgrind
          libzip-dev libxml2-dev libpoppler-glib-dev libuchardet-dev   # the document readers
          chromium fonts-wqy-microhei    # the HTML report test renders pages; CJK glyphs
          clang libclang-rt-dev          # the fuzz targets: clang and libFuzzer
          parallel sqlite3 lua5.4)       # the sharded-extraction test; the benchmark's peers
# LibreOffice converts legacy files for load --convert and makes office
# versions of the seeds in a test (skipped without it); OpenCC their Big5
# version. Large, so only on request: EDUSHELL_WITH_OFFICE=1 scripts/setup.sh
if [ "${EDUSHELL_WITH_OFFICE:-0}" = 1 ]; then
  packages+=(libreoffice-writer-nogui libreoffice-calc-nogui opencc)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

cmake -S "$top" -B "$top/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$top/build" -j"$(nproc)"

rm -f "$db" "$db-wal" "$db-shm"
"$top/build/edushell" --db "$db" load "$top/data/sample"
"$top/build/edushell" --db "$db" -e 'edu.overview()'
echo "database: $db   (explore it: build/edushell --db $db)"
