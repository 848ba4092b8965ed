"""A program on a pseudo-terminal, driven the way a person types at it."""
import os, pty, select, sys, time


class Terminal:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(argv[0], argv)
        self.buf = b""

    def read_until(self, needle, timeout=30):
        """Everything up to and including needle; exits with FAIL on timeout."""
        end = time.time() + timeout
        while needle.encode() not in self.buf:
            left = end - time.time()
            if left <= 0:
                sys.exit(f"FAIL: timed out waiting for {needle!r}; got:\n"
                         f"{self.buf.decode(errors='replace')[-2000:]}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.buf += chunk
        at = self.buf.index(needle.encode()) + len(needle)
        seen, self.buf = self.buf[:at], self.buf[at:]
        return seen.decode(errors="replace")

    def send(self, line):
        os.write(self.fd, line.encode() + b"\r")

    def interrupt(self):
        os.write(self.fd, b"\x03")

    def wait(self):
        """The exit status."""
        _, status = os.waitpid(self.pid, 0)
        return os.WEXITSTATUS(status)
