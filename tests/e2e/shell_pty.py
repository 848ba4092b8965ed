"""The shell at a terminal as a person uses it: tab completion, the pager,
cells cut to the terminal's width, Ctrl-C at the prompt and at a
continuation prompt, dot-commands, one-line errors.

    python3 shell_pty.py EDUSHELL DATABASE WORKDIR
"""
import os, re, sys, time, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terminal import Terminal

exe, db, work = sys.argv[1:4]
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]|\r")


def clean(text):
    return ANSI.sub("", text)


def width(line):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def check(cond, what, seen=""):
    if not cond:
        sys.exit(f"FAIL: {what}\n--- terminal:\n{clean(seen)[-3000:]}")


def start(**env_extra):
    env = dict(os.environ, TERM="xterm", EDUSHELL_HISTORY=os.path.join(work, "history"), **env_extra)
    env.pop("PAGER", None) if "PAGER" not in env_extra else None
    t = Terminal([exe, "--db", db], rows=24, cols=80, env=env, cwd=work)
    t.read_until("edu> ")
    return t


def run(t, line):
    """Types a line and returns what it printed before the next prompt."""
    t.send(line)
    return clean(t.read_until("edu> "))


# A file named like the module, which a file-name completion would offer.
open(os.path.join(work, "edu.db"), "w").close()
with open(os.path.join(work, "commands.txt"), "w") as f:
    f.write(".mode csv\nlocal n = #edu.docs()\nprint('docs', n)\n.mode column\n")

t = start(PAGER="sed s/^/PAGED:/")

# --- completion ---------------------------------------------------------------
t.keys("edu.ind\t")
seen = t.settle()
check("icators" in seen, "edu.ind<TAB> -> edu.indicators", seen)
t.keys("{reg\t")
check("ion" in t.settle(), "option name: region")
t.keys(' = "无\t')
check("锡市\"" in t.settle(), "region name: 无锡市, the string closed")
out = run(t, ", limit = 1}")
check("无锡市" in out and "(1 of " in out, "the completed call ran", out)

t.keys("edu.\t\t")
seen = clean(t.settle())
check("indicators" in seen and "series" in seen, "edu.<TAB><TAB> lists the functions", seen)
check(not re.search(r"edu\.db(?!_)", seen), "edu.<TAB> offers no file names (edu.db is one here)", seen)
t.interrupt()
t.read_until("edu> ")

t.keys(".mo\t")
check("de" in t.settle(), ".mo<TAB> -> .mode")
t.keys("cs\t")
check("v" in t.settle(), ".mode cs<TAB> -> csv")
run(t, "")
out = run(t, "edu.docs{limit = 1}")
check("id,name,region,level,year,kind,title,indicators" in out, ".mode csv took effect", out)
run(t, ".mode column")

t.keys('edu.series{metric = "普惠性幼儿园覆\t')
check("盖率" in t.settle(), "metric name completion")
t.interrupt()
t.read_until("edu> ")

t.keys('edu.report("ann\t')
check("ual_report" in t.settle(), "template name completion")
t.interrupt()
t.read_until("edu> ")

t.keys(".read comm\t")
check("ands.txt" in t.settle(), "file name after .read")
out = run(t, "")
check("docs,5" in out.replace("\t", ","), ".read ran Lua and dot-commands (locals last within the file)", out)

# --- width and the pager --------------------------------------------------------
out = run(t, "edu.docs()")
lines = [l for l in out.splitlines() if l.strip()][1:]
check(all(width(l) <= 80 for l in lines), "every line fits 80 columns", out)
check("…" in out, "wide cells are cut with …", out)

out = run(t, "edu.indicators{}")
check("PAGED:" in out, "a result taller than the terminal goes through $PAGER", out)
out = run(t, "edu.docs()")
check("PAGED:" not in out, "a short result does not", out)
run(t, ".pager off")
out = run(t, "edu.indicators{}")
check("PAGED:" not in out and "(250 rows)" in out, ".pager off", out)
run(t, ".pager on")

# --- capped results ---------------------------------------------------------
out = run(t, ".indicators")
check("(200 of 250 rows; add limit= for more: edu.indicators{limit = 250})" in out, ".indicators says it is capped", out)
out = run(t, ".indicators 覆盖率")
check("92.81" in out and re.search(r"\(\d+ rows\)", out) and " of " not in out, ".indicators METRIC, all of them", out)

# --- Ctrl-C ---------------------------------------------------------------------
t.keys("print(3")
time.sleep(0.2)
t.interrupt()
t.read_until("edu> ")
out = run(t, "print(4)")
check("4" in out and "3" not in out.replace("print(4)", "") and "error" not in out, "Ctrl-C dropped the line", out)
t.interrupt()
t.read_until("edu> ")
t.keys("p")            # the first key after Ctrl-C is part of the next line, not a line of its own
time.sleep(0.2)
out = run(t, "rint(7)")
check("7" in out and "error" not in out and "syntax" not in out, "the next keystroke after Ctrl-C", out)
t.send("function f()")
t.read_until(">> ")
t.interrupt()
t.read_until("edu> ")
out = run(t, "1 + 1")
check("2" in out and "error" not in out, "Ctrl-C at >> dropped the pending chunk", out)
t.send("while true do end")
time.sleep(0.5)
t.interrupt()
t.read_until("interrupted")
t.read_until("edu> ")

# --- errors in one line -----------------------------------------------------------
out = run(t, "error('oops')")
check("stdin:1: oops" in out and "traceback" not in out, "a Lua error in one line", out)
out = run(t, ".sql selec 1")
check('sql: near "selec": syntax error' in out and "traceback" not in out, "bad SQL in one line", out)
out = run(t, ".sql select 1; select 2")
check("one statement at a time (extra text: select 2)" in out, "two statements", out)
out = run(t, ".docs 无希")
check("no region 无希; did you mean 无锡市?" in out and ".lua:" not in out, "unknown region", out)
out = run(t, "s = edu.series{region = '无希', metric = '普惠性幼儿园覆盖率'}")
check("stdin:1: no region 无希; did you mean 无锡市?" in out and "traceback" not in out, "unknown region from Lua", out)

# --- .once and .output --------------------------------------------------------------
once = os.path.join(work, "once.csv")
run(t, f".once --bom {once}")
out = run(t, "edu.docs{limit = 2}")
check("000_" not in out, ".once: the result went to the file", out)
data = open(once, "rb").read()
check(data.startswith(b"\xef\xbb\xbf") and "无锡市".encode() in data, ".once --bom wrote the file", repr(data[:80]))
out = run(t, "edu.docs{limit = 1}")
check("000_" in out, "after .once, results come back to the terminal", out)

t.send(".quit")
check(t.wait() == 0, "exit status")

# --- the default pager: less -RS ----------------------------------------------------
t = start()
t.send("edu.indicators{}")
seen = t.read_until(":\x1b[K", timeout=30)   # less's prompt at the foot of its screen
check("(250 rows)" not in seen, "less shows one screen at a time", seen)
time.sleep(0.3)
t.keys("q")
t.read_until("edu> ")
t.send(".quit")
check(t.wait() == 0, "exit status after less")
print("ok")
