#!/usr/bin/env python3
"""Which allocation sites in objects/ a test run has failed, from gcov.

    tools/alloc_sites.py DIR

DIR holds the objects/*.c.gcov files of a --coverage run (docs/objects.md
gives the commands). A site is a call of obj_new, obj_mem_alloc or
obj_mem_realloc outside objects/object.c. Its failure count comes from the
first test of the result within the next four lines: the count of the first
line of code after `if (p == NULL)` / `if (!p)`, or the test's count minus
that line's for `if (p)` / `p != NULL`. A site with no test beside it is a helper that
returns the block: its callers in the same file are looked at instead. Prints
one line per site; exits 1 when a site never failed.
"""
import glob
import os
import re
import sys

CALL = re.compile(r"\b(obj_new|obj_mem_alloc|obj_mem_realloc)\(")
TEST = re.compile(r"== NULL|!= NULL|if \(!?\w+\)")
POSITIVE = re.compile(r"!= NULL|if \(\w+\)")
FUNCTION = re.compile(r"^static [^=;(]*?\b(\w+)\(")


def lines_of(path):
    """(count, line number, text) per source line; count None when not code."""
    out = []
    for raw in open(path, encoding="utf-8"):
        count, number, text = raw.split(":", 2)
        count = count.strip()
        if int(number) == 0:
            continue
        out.append((None if count == "-" else 0 if count.startswith("#") else int(count.rstrip("*")),
                    int(number), text.rstrip("\n")))
    return out


def failures(lines, i):
    """How often the allocation on line index i failed, or None: no test."""
    for j in range(i, min(i + 5, len(lines) - 1)):
        if TEST.search(lines[j][2]):
            after = next((c for c, _, _ in lines[j + 1:] if c is not None), 0)
            tested = lines[j][0] or 0
            return tested - after if POSITIVE.search(lines[j][2]) else after
    return None


def main():
    bad = 0
    for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.c.gcov"))):
        with open(path, encoding="utf-8") as f:
            source = os.path.normpath(f.readline().split("Source:", 1)[1].strip())
        while source.startswith("../"):
            source = source[3:]
        if not source.startswith("objects/") or source == "objects/object.c":
            continue
        lines = lines_of(path)
        for i, (count, number, text) in enumerate(lines):
            if not CALL.search(text) or text.lstrip().startswith(("/*", "*")):
                continue
            if i > 0 and CALL.search(lines[i - 1][2]):
                continue  # the second line of one site (a ternary)
            failed = failures(lines, i)
            how = ""
            if failed is None:
                helper = next(FUNCTION.match(t).group(1) for _, _, t in reversed(lines[:i])
                              if FUNCTION.match(t))
                calls = [k for k, (_, _, t) in enumerate(lines)
                         if re.search(r"\b%s\(" % helper, t) and not FUNCTION.match(t)]
                failed = sum(failures(lines, k) or 0 for k in calls)
                how = f" (through {helper}, called on lines " + \
                    ", ".join(str(lines[k][1]) for k in calls) + ")"
            print(f"{source}:{number}  called {count or 0}, failed {failed}{how}")
            bad += failed == 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
