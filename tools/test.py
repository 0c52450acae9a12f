#!/usr/bin/env python3
"""Pyrite's test runner: host unit tests, then the Python-driven tests in
tests/*/test_*.py (console, build, target images) on every board and the host
port (a module's BOARDS list narrows that). Prints one line per test and ends with `N passed, N failed`;
exits non-zero on any failure.

  tools/test.py [-k SUBSTRING] [-b BOARD] [-j JOBS]
"""
import argparse
import concurrent.futures
import glob
import importlib.util
import os
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from target import BOARDS, ROOT  # noqa: E402



def unit_cases():
    for exe in sorted(glob.glob(os.path.join(ROOT, "build", "host", "unit", "test_*"))):
        if os.access(exe, os.X_OK) and not exe.endswith(".d"):
            yield f"unit {os.path.basename(exe)}", lambda exe=exe: run_unit(exe)


def run_unit(exe):
    p = subprocess.run(["timeout", "-k", "5", "600", exe], cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"status {p.returncode}\n{p.stdout[-3000:]}{p.stderr[-3000:]}")


def script_cases(boards):
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "*", "test_*.py"))):
        name = os.path.splitext(os.path.basename(path))[0]
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        only = getattr(module, "BOARDS", None)
        for fn_name in sorted(n for n in dir(module) if n.startswith("test_")):
            fn = getattr(module, fn_name)
            allowed = getattr(fn, "boards", only)
            for board in boards:
                if allowed is None or board in allowed:
                    yield f"{board} {name}.{fn_name}", lambda fn=fn, board=board: fn(board)


def run_case(name, fn):
    start = time.monotonic()
    try:
        fn()
        return name, None, time.monotonic() - start
    except Exception as e:  # noqa: BLE001 - every failure is reported, none stops the run
        detail = "".join(traceback.format_exception_only(type(e), e)).strip()
        return name, detail, time.monotonic() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", default="", help="run only tests whose name contains this")
    ap.add_argument("-b", action="append", help="board(s) to run console tests on")
    ap.add_argument("-j", type=int, default=4, help="parallel tests")
    args = ap.parse_args()
    boards = args.b or BOARDS + ["host"]
    cases = [(n, f) for n, f in list(unit_cases()) + list(script_cases(boards)) if args.k in n]
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        for name, error, seconds in pool.map(lambda c: run_case(*c), cases):
            if error is None:
                passed += 1
                print(f"PASS {name} ({seconds:.1f}s)", flush=True)
            else:
                failed += 1
                print(f"FAIL {name} ({seconds:.1f}s)\n    " + error.replace("\n", "\n    "), flush=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
