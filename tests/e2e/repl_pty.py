"""Drives `edushell` in a pseudo-terminal and checks what it prints."""
import os, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from terminal import Terminal

exe, db = sys.argv[1], sys.argv[2]
repl = Terminal([exe, "--db", db])
read_until, send = repl.read_until, repl.send

read_until("edu> ")
send("1 + 41")                      # an expression prints its value
read_until("42")
read_until("edu> ")
send("function f(x)")               # a multi-line chunk continues
read_until(">> ")
send("  return x * 2")
read_until(">> ")
send("end")
read_until("edu> ")
send("f(21)")
read_until("42")
read_until("edu> ")
send("error('oops')")               # an error prints and the shell goes on
read_until("oops")
read_until("edu> ")
send(".docs 太仓市")                 # dot-commands show aligned rows
out = read_until("edu> ")
assert "004_4dfda354" in out and "(1 row)" in out and "nil" not in out, out
send(".sql SELECT count(*) AS n FROM documents")
out = read_until("edu> ")
assert "5" in out, out
send(".search 普惠性幼儿园覆盖率")
out = read_until("edu> ")
assert "无锡市" in out, out
send(".why 1")                      # provenance of an indicator
out = read_until("edu> ")
assert "【" in out and "】" in out and ".txt" in out, out
send(".pager off")                   # the preschool metrics fill more than a screen
read_until("edu> ")
send(".metrics 学前教育")
out = read_until("edu> ")
assert "kg_puhui_coverage" in out, out
send(".help edu.rank")               # help for the edu functions
out = read_until("edu> ")
assert "edu.rank{metric=" in out and "share a rank" in out, out
send(".help")
out = read_until("edu> ")
assert ".indicators" in out and ".quit" in out, out
send(".nonsense")
read_until("unknown command")
read_until("edu> ")
send("while true do end")           # Ctrl-C stops a running chunk
time.sleep(0.5)
repl.interrupt()
read_until("interrupted")
read_until("edu> ")
send("print('still here')")
read_until("still here")
read_until("edu> ")
send(".quit")
status = repl.wait()
assert status == 0, status
print("ok")
