#!/usr/bin/env python3
"""make bench-objects: heap bytes per object on the 32-bit target, beside
MicroPython's figures (../shared/anchors/README.md, objsize.py on the same
board). Runs build/mps2-an385/bench_objects.elf; writes build/bench/objects.tsv."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from target import ROOT, command_for  # noqa: E402

BOARD = "mps2-an385"
# MicroPython v1.29.0-preview, port qemu, MPS2_AN385: gc.mem_alloc delta per object.
MICROPYTHON = {
    "int_2^30+i": 32, "int_300_bit": 64, "float": 16, "empty_list": 32,
    "list_of_10_literal": 64, "list_range_10": 80, "empty_dict": 16, "dict_of_5": 64,
    "short_str": 32, "tuple_of_3": 32,
}


def main():
    p = subprocess.run(["timeout", "120"] + command_for(BOARD, "bench_objects"),
                       capture_output=True, text=True)
    rows = [ln.split()[1:] for ln in p.stdout.splitlines() if ln.startswith("OBJ ")]
    if "END" not in p.stdout or p.returncode != 0:
        sys.exit("bench_objects did not finish:\n" + p.stdout[-2000:])
    print(f"Heap bytes per object on {BOARD} (32-bit), 1000 live objects each\n")
    print(f"  {'object':22} {'Pyrite':>7} {'MicroPython':>12}  {'obj_sizeof':>10}")
    os.makedirs(os.path.join(ROOT, "build", "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "bench", "objects.tsv"), "w") as f:
        f.write("board\tobject\tbytes_per_object\tmicropython_bytes\tsizeof_one\n")
        for kind, per, one in rows:
            mp = MICROPYTHON[kind]
            mark = "" if int(per) <= mp else f"  (+{int(per) - mp})"
            print(f"  {kind:22} {per:>7} {mp:>12}  {one:>10}{mark}")
            f.write(f"{BOARD}\t{kind}\t{per}\t{mp}\t{one}\n")


if __name__ == "__main__":
    main()
