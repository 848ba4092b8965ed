"""Types .runs into the REPL on a pseudo-terminal and checks the runs it lists."""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terminal import Terminal

exe, db = sys.argv[1], sys.argv[2]
repl = Terminal([exe, "--db", db], cols=240)
read_until = repl.read_until

repl.send(".runs")
seen = read_until("rows)")
for needle in ("annual_report", "broken.md.tpl", "failed", "ok"):
    if needle not in seen:
        sys.exit(f"FAIL: .runs lacks {needle!r}; got:\n{seen}")
repl.send(".quit")
repl.wait()
