# Loading many files on a terminal draws a progress bar on stderr; with
# stderr not a terminal nothing but the summary is written there.
source "$(dirname "$0")/lib.sh"
python3 - "$EDUSHELL" "$DB" "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ.get("SRC", ""), "tests", "e2e"))
from terminal import Terminal
exe, db, files = sys.argv[1], sys.argv[2], sys.argv[3:]
load = Terminal([exe, "--db", db, "load", *files])
load.read_until("] 1/31 files")
load.read_until("] 31/31 files")
load.read_until("loaded 31 new")
assert load.wait() == 0
PY
"$EDUSHELL" --db "$WORK/quiet.db" load "$SHARED"/corpus/provinces-2026/*_政府工作报告.csv >/dev/null 2>"$WORK/err"
expect_not_contains "$(cat "$WORK/err")" "files" "stderr without a terminal"
expect_contains "$(cat "$WORK/err")" "loaded 31 new"
echo ok
