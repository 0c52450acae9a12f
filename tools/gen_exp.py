#!/usr/bin/env python3
"""Regenerate the expected output (.exp) of the Python script corpus in
tests/py/ from CPython 3.12.1, the behaviour Pyrite's language must match.

    tools/gen_exp.py                     regenerate every tests/py/**/*.exp
    tools/gen_exp.py tests/py/expr/x.py  regenerate the named scripts only
    tools/gen_exp.py --check [FILE...]   write nothing; list every .exp that is
                                         missing, out of date or orphaned, and
                                         every bad line of smoke.txt and
                                         differences.txt; exit 1 if any

Each script runs as `PYENV_VERSION=3.12.1 python3.12 - < FILE.py` (so file
names in tracebacks read `<stdin>`), from the script's directory, with
PYTHONIOENCODING=utf-8 and stdout and stderr on one pipe, unbuffered, so the
two streams interleave as they were written (`2>&1`).

The .exp format: the bytes the script wrote to stdout and stderr, in order,
then, only when the exit status N is nonzero, one last line `[exit N]`. The
line is unambiguous because the tool refuses a script that exits nonzero with
output not ending in a newline (an uncaught exception always ends in one). A
runner compares the output byte for byte, then the status: 0 when there is no
`[exit N]` line.

Every script runs twice, under PYTHONHASHSEED 0 and 1; output that differs
between the two depends on the order of a str or bytes hash and is refused,
since Pyrite's hashes need not be CPython's.
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "py"
PYTHON = ["python3.12", "-"]
TIMEOUT = 60  # seconds; the slowest script takes well under one


def run(script, seed):
    env = dict(os.environ, PYENV_VERSION="3.12.1", PYTHONIOENCODING="utf-8",
               PYTHONUNBUFFERED="1", PYTHONHASHSEED=str(seed))
    for var in ("PYTHONSTARTUP", "PYTHONPATH", "PYTHONWARNINGS"):
        env.pop(var, None)
    with open(script, "rb") as src:
        proc = subprocess.run(PYTHON, stdin=src, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, cwd=script.parent,
                              env=env, timeout=TIMEOUT)
    return proc.stdout, proc.returncode


def expected(script):
    """The .exp bytes of one script, or raise ValueError saying why not."""
    out, status = run(script, 0)
    if run(script, 1) != (out, status):
        raise ValueError("output depends on PYTHONHASHSEED")
    if status == 0:
        return out
    if out and not out.endswith(b"\n"):
        raise ValueError(f"exit status {status} after output without a final newline")
    return out + b"[exit %d]\n" % status


def rel(path):
    return path.relative_to(ROOT)


def check_lists(scripts):
    """Lines of smoke.txt and differences.txt naming no script, or without a reason."""
    names = {str(s.relative_to(CORPUS)) for s in scripts}
    bad = []
    for listing, needs_reason in (("smoke.txt", False), ("differences.txt", True)):
        for n, line in enumerate((CORPUS / listing).read_text().splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            name, sep, reason = line.partition(":")
            if name.strip() not in names or (needs_reason and not (sep and reason.strip())):
                bad.append(f"tests/py/{listing}:{n}: {line}")
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="report stale .exp files, write nothing")
    ap.add_argument("-j", type=int, default=2, help="scripts run at once (default 2)")
    ap.add_argument("files", nargs="*", type=Path, help="scripts (default: the whole corpus)")
    args = ap.parse_args()

    every = sorted(CORPUS.rglob("*.py"))
    scripts = [f.resolve() for f in args.files] if args.files else every
    problems = []
    for s in scripts:
        if s.suffix != ".py" or CORPUS not in s.parents or not s.is_file():
            sys.exit(f"gen_exp: {s}: not a script under tests/py/")

    with concurrent.futures.ThreadPoolExecutor(args.j) as pool:
        jobs = {s: pool.submit(expected, s) for s in scripts}
        for s, job in jobs.items():
            exp = s.with_suffix(".exp")
            try:
                want = job.result()
            except (ValueError, subprocess.TimeoutExpired) as e:
                problems.append(f"{rel(s)}: {e}")
                continue
            have = exp.read_bytes() if exp.exists() else None
            if have == want:
                continue
            if args.check:
                problems.append(f"{rel(exp)}: {'missing' if have is None else 'out of date'}")
            else:
                exp.write_bytes(want)
                print(f"wrote {rel(exp)}")

    if not args.files:
        for exp in sorted(CORPUS.rglob("*.exp")):
            if not exp.with_suffix(".py").exists():
                problems.append(f"{rel(exp)}: no script")
        problems += check_lists(every)
    for p in problems:
        print(p, file=sys.stderr)
    print(f"gen_exp: {len(scripts)} scripts, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
