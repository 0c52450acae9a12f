"""Python scripts on the host build: every script listed in supported.txt runs
under build/host/pyrun and its output (stdout and stderr, in order) must equal
its .exp, produced by CPython 3.12 (`python3 - < f.py > f.exp 2>&1`). pyrun also
fails a run that leaks an object.
"""
import glob
import os
import re
import subprocess

from target import ROOT

BOARDS = ["host"]
PY = os.path.join(ROOT, "tests", "py")
PYRUN = os.path.join(ROOT, "build", "host", "pyrun")


def supported():
    paths, excluded = set(), set()
    with open(os.path.join(ROOT, "tests", "lang", "supported.txt")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("!"):
                excluded.add(line[1:].split()[0])
                continue
            paths.update(os.path.relpath(p, PY) for p in glob.glob(os.path.join(PY, line)))
    return sorted(paths - excluded)


def run_script(rel):
    """Run one script; its output and exit status must be the .exp's (the
    output, then a last line `[exit N]` when CPython's status was N != 0:
    tools/gen_exp.py's format)."""
    path = os.path.join(PY, rel)
    with open(path[:-3] + ".exp", "rb") as f:
        expected = f.read()
    status = 0
    m = re.search(rb"\[exit (\d+)\]\n$", expected)
    if m:
        status, expected = int(m.group(1)), expected[:m.start()]
    p = subprocess.run(["timeout", "-k", "5", "60", PYRUN, path], cwd=os.path.dirname(path),
                       stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    got = p.stdout
    if got != expected:
        raise AssertionError(f"{rel}: output differs\n--- got\n{got.decode(errors='replace')[-2000:]}"
                             f"\n--- expected\n{expected.decode(errors='replace')[-2000:]}")
    if p.returncode != status:
        raise AssertionError(f"{rel}: status {p.returncode}, CPython's was {status}")


def _make(rel):
    def test(board):
        assert board == "host"
        run_script(rel)
    return test


for _rel in supported():
    globals()["test_" + _rel[:-3].replace("/", "_").replace("-", "_")] = _make(_rel)


def test_single_mode_echo_and_underscore(board):
    """REPL inputs (one per line): values echoed with repr, None not, `_` bound
    to the last echoed value, an exception printed and the session going on."""
    assert board == "host"
    src = os.path.join(ROOT, "build", "host", "single_mode.py")
    with open(src, "w") as f:
        f.write('x = [1, 2]\nx\n_ + [3]\n"s"\nNone\n1/0\n_\n')
    p = subprocess.run([PYRUN, src, "--single"], capture_output=True, text=True, timeout=60)
    assert p.stdout == ("[1, 2]\n[1, 2, 3]\n's'\nTraceback (most recent call last):\n"
                        '  File "<stdin>", line 1, in <module>\n'
                        "ZeroDivisionError: division by zero\n's'\n"), p.stdout + p.stderr
    assert p.returncode == 0, p.returncode


def test_every_early_allocation_failing_leaks_nothing(board):
    """Each of the first 2000 allocations of a run made to fail in turn
    (compiler and VM alike): a MemoryError or a clean run, and the heap empty
    afterwards every time (pyrun --oom checks and says which one leaked)."""
    assert board == "host"
    for rel in ("core/exceptions.py", "core/errors_runtime.py", "core/recursion.py"):
        p = subprocess.run([PYRUN, os.path.join(PY, rel), "--oom", "2000"], capture_output=True,
                           text=True, timeout=600)
        assert p.returncode == 0 and "no leak" in p.stdout, f"{rel}: {p.stdout}{p.stderr[-2000:]}"
