#!/usr/bin/env python3
"""How much of the script corpus (tests/py/) the language passes today: runs
every script under build/host/pyrun (after `make host`) as
tests/lang/test_scripts.py does, prints `N pass, M fail` and, with --list,
the failing scripts. tests/lang/supported.txt lists the passing ones, which
make test then holds to.

  tools/lang_progress.py [--list]
"""
import glob
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lang"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_scripts  # noqa: E402


def main():
    passed, failed = [], []
    for path in sorted(glob.glob(os.path.join(test_scripts.PY, "*", "*.py"))):
        rel = os.path.relpath(path, test_scripts.PY)
        try:
            test_scripts.run_script(rel)
            passed.append(rel)
        except AssertionError:
            failed.append(rel)
    print(f"{len(passed)} pass, {len(failed)} fail")
    if "--list" in sys.argv:
        print("\n".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
