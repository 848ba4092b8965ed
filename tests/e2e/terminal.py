"""A program on a pseudo-terminal, driven the way a person types at it."""
import fcntl, os, pty, select, struct, sys, termios, time


class Terminal:
    def __init__(self, argv, rows=24, cols=80, env=None, cwd=None):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            if cwd:
                os.chdir(cwd)
            os.execve(argv[0], argv, env if env is not None else os.environ)
        self.resize(rows, cols)
        self.buf = b""

    def resize(self, rows, cols):
        """Sets the terminal's size, as a window would."""
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

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

    def settle(self, quiet=0.3, timeout=10):
        """Everything printed until the program is quiet for `quiet` seconds."""
        end = time.time() + timeout
        while time.time() < end:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            self.buf += chunk
        seen, self.buf = self.buf, b""
        return seen.decode(errors="replace")

    def send(self, line):
        os.write(self.fd, line.encode() + b"\r")

    def keys(self, text):
        """Types text without pressing Enter (a tab completes)."""
        os.write(self.fd, text.encode())

    def interrupt(self):
        os.write(self.fd, b"\x03")

    def wait(self):
        """The exit status."""
        _, status = os.waitpid(self.pid, 0)
        return os.WEXITSTATUS(status)
