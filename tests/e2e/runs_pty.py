"""Types .runs into the REPL on a pseudo-terminal and checks the runs it lists."""
import os, pty, select, sys, time

exe, db = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execv(exe, [exe, "--db", db])

buf = b""


def read_until(needle, timeout=30):
    global buf
    end = time.time() + timeout
    while needle.encode() not in buf:
        left = end - time.time()
        if left <= 0:
            sys.exit(f"FAIL: timed out waiting for {needle!r}; got:\n{buf.decode(errors='replace')[-2000:]}")
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    at = buf.index(needle.encode()) + len(needle)
    seen, buf = buf[:at], buf[at:]
    return seen.decode(errors="replace")


os.write(fd, b".runs\n")
seen = read_until("rows)")
for needle in ("annual_report", "broken.md.tpl", "failed", "ok"):
    if needle not in seen:
        sys.exit(f"FAIL: .runs lacks {needle!r}; got:\n{seen}")
os.write(fd, b".quit\n")
os.waitpid(pid, 0)
