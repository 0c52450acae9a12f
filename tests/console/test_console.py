"""Console tests: run on every board and on the host port.

Each test gets a fresh Target (booted image) and must end it with an explicit
status: a test passes only on what it positively saw.
"""
import random
import re
import zlib

from target import ARMV6M, PROMPT, Target, only_on
from target import BOARDS as QEMU_BOARDS  # not BOARDS: tools/test.py reads that name

FAULT_STATUS = 86


def banner(board):
    return re.compile(rb"Pyrite \S+ on " + board.encode() + rb" \(.*\), heap \d+ KiB")


def boot(board, semihosting=True):
    t = Target(board, semihosting=semihosting)
    t.expect(banner(board))
    t.expect(PROMPT)
    return t


def sync(t, token):
    """Skip whatever the guest is still answering: wait for the reply to a unique line."""
    t.send(f"\x03sync-{token}\r")
    t.expect(f"unknown command 'sync-{token}'".encode(), timeout=60)
    t.expect(PROMPT)


def finish(t, status=7):
    t.send(f"exit {status}\r")
    got = t.wait()
    assert got == status, f"exit status {got}, expected {status}"


def test_boot_info_exit(board):
    t = boot(board)
    out = t.command("info")
    for field in (b"board   " + board.encode(), b"core", b"clock", b"memory map", b"heap"):
        assert field in out, f"info lacks {field!r}: {out!r}"
    finish(t, 7)


def test_10k_input_intact(board):
    t = boot(board)
    data = random.Random(2).randbytes(10240)
    t.send(b"crc 10240\r" + data)  # at full speed, no pacing
    m = t.expect(re.compile(rb"crc32 ([0-9a-f]{8}) over (\d+) bytes"), timeout=60)
    assert int(m.group(2)) == len(data)
    assert int(m.group(1), 16) == zlib.crc32(data), "checksum differs: bytes lost or altered"
    t.expect(PROMPT)
    finish(t)


def test_line_editing_and_history(board):
    t = boot(board)
    out = t.command("helo\x7f\x7flp")  # two backspaces
    assert b"list the commands" in out, out
    t.command("info")
    out = t.command("\x1b[A")  # up: recalls "info"
    assert b"memory map" in out, out
    out = t.command("\x1b[A\x1b[A\x1b[B")  # up, up, down: "info" again
    assert b"memory map" in out, out
    t.send("ext 9\x1b[D\x1b[D\x1b[Di\r")  # insert in the middle: "exit 9"
    assert t.wait() == 9


def test_bad_input_survives(board):
    t = boot(board)
    rng = random.Random(7)
    # Random binary garbage (no Ctrl-D/Ctrl-A..E controls that change mode, which are tested apart).
    garbage = bytes(b for b in rng.randbytes(3000) if b not in (0x01, 0x02, 0x04, 0x05))
    t.send(garbage)
    sync(t, "after-garbage")
    out = t.command("\x00in\x00fo\x00")  # NULs are ignored
    assert b"memory map" in out, out
    out = t.command("x" * 10000)
    assert re.search(rb"error: line too long \(10000 bytes; the limit is \d+\), discarded", out), out
    out = t.command("\x1b[1;5A\x1b[200~\x1bOP\x1b[99;99Z\x1bxinfo")  # stray escape sequences
    assert b"memory map" in out, out
    out = t.command("nosuch")
    assert b"unknown command 'nosuch'" in out, out
    finish(t)


def test_soft_reset(board):
    t = boot(board)
    t.send("\x04")
    t.expect(b"soft reboot")
    assert b"corrupt" not in t.output and b"still live" not in t.output, t.text()
    t.expect(re.compile(rb"Pyrite \S+ on "))
    t.expect(PROMPT)
    finish(t)


def _expect_fault(board, command, cortexm_kind):
    t = boot(board)
    t.send(command + "\r")
    if board == "host":
        t.expect(re.compile(rb"\*\*\* FAULT: signal 11 \(SIGSEGV\) at address 0x[0-9a-f]+"))
    elif board in ARMV6M:
        # No MPU: the bad access is an unaligned load, and the stack runs off
        # the bottom of RAM; both are HardFaults, with no status registers.
        t.expect(b"*** FAULT: HardFault")
        t.expect(re.compile(rb"IPSR  0x0{7}3  \(ARMv6-M: no CFSR, HFSR, MMFAR or BFAR\)"))
        t.expect(re.compile(rb"PC    (0x[0-9a-f]{8}|unavailable)"))
    else:
        t.expect(b"*** FAULT: " + cortexm_kind)
        t.expect(re.compile(rb"IPSR  0x[0-9a-f]{8}  CFSR  0x[0-9a-f]{8}  HFSR  0x[0-9a-f]{8}"))
        t.expect(re.compile(rb"MMFAR 0x[0-9a-f]{8}  BFAR  0x[0-9a-f]{8}"))
        t.expect(re.compile(rb"PC    (0x[0-9a-f]{8}|unavailable)"))
    status = t.wait()
    assert status == FAULT_STATUS, f"status {status}, expected {FAULT_STATUS}"


def test_fault_reported(board):
    _expect_fault(board, "fault", b"MemManage")


def test_stack_overflow_reported(board):
    _expect_fault(board, "overflow", b"MemManage")


def test_mem_report_map_check(board):
    t = boot(board)
    out = t.command("mem check")
    assert b"mm_check: ok" in out, out
    out = t.command("mem")
    assert b"class" in out and b"arena" in out, out[:600]
    out = t.command("gc")
    assert re.search(rb"gc: 0 unreachable objects found; counts \d+ 0 0", out), out
    out = t.command("mem map")
    assert b"legend" in out.lower() or b"=" in out, out[:600]
    finish(t)


@only_on(*QEMU_BOARDS)
def test_exit_and_fault_reset_without_semihosting(board):
    # No debugger to answer a BKPT (a board running on its own): exit, a fault
    # and the reset-time semihosting probe must not lock the core up; exit and
    # the fault reset the board, which boots again.
    t = boot(board, semihosting=False)
    assert b"FAULT" not in t.output, t.text()
    t.send("exit 3\r")
    t.expect(banner(board))
    t.expect(PROMPT)
    t.send("fault\r")
    t.expect(b"*** FAULT: ")
    t.expect(banner(board))
    t.expect(PROMPT)
    out = t.command("info")
    assert b"memory map" in out, out
    t.kill()  # nothing but a signal ends QEMU without semihosting


def test_escape_does_not_swallow_controls(board):
    t = boot(board)
    # A lone ESC, then Enter: the Enter ends the line ("info"), not the escape.
    out = t.command("info\x1b")
    assert b"memory map" in out, out
    # Ctrl-C in the middle of a CSI sequence still abandons the line.
    t.send("nosuch\x1b[\x03")
    t.expect(b"^C\r\n")
    t.expect(PROMPT)
    # An unfinished CSI sequence, then Enter: the line is entered as typed.
    out = t.command("nosuch\x1b[1")
    assert b"unknown command 'nosuch'" in out, out
    finish(t, 3)


def test_overflowed_line_edited_or_replaced(board):
    t = boot(board)
    out = t.command("x" * 600)
    m = re.search(rb"error: line too long \(600 bytes; the limit is (\d+)\), discarded", out)
    assert m, out
    limit = int(m.group(1))
    # Backspaced down to nothing and retyped: the line is what is shown.
    out = t.command("x" * 600 + "\x7f" * 600 + "info")
    assert b"memory map" in out and b"too long" not in out, out
    # Replaced from history ("info"): entered, not discarded.
    out = t.command("x" * 600 + "\x1b[A")
    assert b"memory map" in out and b"too long" not in out, out
    # The longest line: echoed back whole by an output line longer than 256 bytes.
    word = "w" * limit
    out = t.command(word)
    assert f"unknown command '{word}' (try help)\r\n".encode() in out, out
    finish(t)


def test_crc_after_crlf(board):
    t = boot(board)
    t.send(b"crc 5\r\nhello")
    m = t.expect(re.compile(rb"crc32 ([0-9a-f]{8}) over 5 bytes"))
    assert int(m.group(1), 16) == zlib.crc32(b"hello"), "the LF was taken as data"
    t.expect(PROMPT)
    out = t.command("info")  # nothing of the payload is left over for this line
    assert b"memory map" in out and b"unknown command" not in out, out
    finish(t)


def test_crc_interrupted(board):
    t = boot(board)
    t.send(b"crc 100\rabc\x03")  # 4 of 100 bytes, then a Ctrl-C and silence
    t.expect(b"^C\r\n", timeout=10)
    t.expect(PROMPT)
    out = t.command("info")
    assert b"memory map" in out, out
    finish(t)
