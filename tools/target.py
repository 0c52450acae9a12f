"""Drive a Pyrite image over its serial line: QEMU for a board, or the host port.

A Target starts the image under `timeout` (a QEMU killed by a signal exits 0,
so nothing here trusts an exit status without a marker), collects everything
the guest writes, and offers expect/send in the style of pexpect.
"""
import os
import re
import subprocess
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _board_headers():
    """{board: header text}: a board is a config/boards/<board>.h whose opening
    comment carries build facts (` * build.cpu: ...`), as the Makefile reads them."""
    folder = os.path.join(ROOT, "config", "boards")
    headers = {}
    for name in sorted(os.listdir(folder)):
        text = open(os.path.join(folder, name)).read()
        if name.endswith(".h") and re.search(r"^ \* build\.cpu:", text, re.M):
            headers[name[:-2]] = text
    return headers


_HEADERS = _board_headers()
BOARDS = list(_HEADERS)
# Boards whose core is ARMv6-M (Cortex-M0, PYR_ARMV6M): every fault is a
# HardFault, with no fault status registers to report.
ARMV6M = {b for b, text in _HEADERS.items() if re.search(r"^#define PYR_ARMV6M 1\b", text, re.M)}
PROMPT = b">>> "


def qemu_command(board, elf, extra=(), semihosting=True):
    """semihosting=False: no host answers the guest's BKPT, as on a board with no debugger."""
    return ["qemu-system-arm", "-M", board, "-nographic", "-monitor", "none", "-serial", "stdio",
            *(["-semihosting-config", "enable=on,target=native"] if semihosting else []),
            *extra, "-kernel", elf]


def image_path(board, name="pyrite"):
    if board == "host":
        return os.path.join(ROOT, "build", "host", name)
    return os.path.join(ROOT, "build", board, name + ".elf")


def command_for(board, name="pyrite", extra=(), semihosting=True):
    path = image_path(board, name)
    return [path] if board == "host" else qemu_command(board, path, extra, semihosting)


def only_on(*boards):
    """Decorator: run this test on these boards only (tools/test.py reads it)."""
    def mark(fn):
        fn.boards = boards
        return fn
    return mark


class TargetError(Exception):
    pass


class Target:
    def __init__(self, board, name="pyrite", limit=60, extra=(), semihosting=True):
        self.board = board
        self.output = bytearray()
        self.cursor = 0  # expect() searches output from here
        self.lock = threading.Condition()
        cmd = ["timeout", "-k", "2", str(limit)] + command_for(board, name, extra, semihosting)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=ROOT)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(65536)
            with self.lock:
                if not chunk:
                    self.closed = True
                    self.lock.notify_all()
                    return
                self.output += chunk
                self.lock.notify_all()

    closed = False

    def expect(self, pattern, timeout=20):
        """Wait until `pattern` (bytes or compiled regex) appears after the cursor;
        move the cursor past it and return the match (or the bytes)."""
        regex = pattern if isinstance(pattern, re.Pattern) else re.compile(re.escape(pattern))
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                m = regex.search(self.output, self.cursor)
                if m:
                    self.cursor = m.end()
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    tail = bytes(self.output[self.cursor:][-400:])
                    why = "timed out" if left <= 0 else "output ended"
                    raise TargetError(f"{why} waiting for {regex.pattern!r}; output tail: {tail!r}")
                self.lock.wait(min(left, 0.5))

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def command(self, line, timeout=20):
        """Send a line at the prompt and return the text it printed before the next prompt."""
        self.send(line + "\r")
        start = self.cursor
        self.expect(PROMPT, timeout)
        return bytes(self.output[start:self.cursor])

    def wait(self, timeout=30):
        """Wait for the image to end; returns its exit status."""
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise TargetError("the image did not exit")
        self.reader.join(5)
        return status

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def text(self):
        return self.output.decode("utf-8", "replace")
