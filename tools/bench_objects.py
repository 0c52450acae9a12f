#!/usr/bin/env python3
"""make bench-objects: heap bytes per object on the 32-bit target, beside
MicroPython's gc.mem_alloc() figures for the same objects (v1.29.0-preview,
port qemu, board MPS2_AN385: 1000 live objects each, delta per object).
Runs build/mps2-an385/bench_objects.elf; writes build/bench/objects.tsv.

Objects that are static (Pyrite's cached small ints, -5..256) cost no heap but
image bytes: the `static` column is their share of the image, the size of the
`small_ints` table in the ELF over its entries, times how many of the 1000 were
static, per object. MicroPython's small ints are tagged pointers: 0 of either."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from target import ROOT, command_for, image_path  # noqa: E402

BOARD = "mps2-an385"
STATIC_TABLE = "small_ints"  # objects/int.c: the cached small ints
MICROPYTHON = {
    "int_2^30+i": 32, "int_300_bit": 64, "float": 16, "empty_list": 32,
    "list_of_10_literal": 64, "list_range_10": 80, "empty_dict": 16, "dict_of_5": 64,
    "short_str": 32, "tuple_of_3": 32, "int_0..999": 0,
}


def static_object_bytes(elf):
    """Bytes of the cached small-int table, from the ELF's symbol."""
    out = subprocess.run(["arm-none-eabi-nm", "-S", elf], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3].split(".")[0] == STATIC_TABLE:
            return int(parts[1], 16)
    sys.exit(f"{elf}: no {STATIC_TABLE} symbol")


def fmt(x):
    return f"{x:.0f}" if x == int(x) else f"{x:.1f}"


def main():
    p = subprocess.run(["timeout", "120"] + command_for(BOARD, "bench_objects"),
                       capture_output=True, text=True)
    rows = [ln.split()[1:] for ln in p.stdout.splitlines() if ln.startswith("OBJ ")]
    if "END" not in p.stdout or p.returncode != 0:
        sys.exit("bench_objects did not finish:\n" + p.stdout[-2000:])
    table = static_object_bytes(image_path(BOARD, "bench_objects"))
    entries = next(int(ln.split()[1]) for ln in p.stdout.splitlines() if ln.startswith("SMALL_INTS "))
    entry = table / entries
    print(f"Heap bytes per object on {BOARD} (32-bit), 1000 live objects each\n")
    print(f"  {'object':22} {'Pyrite':>7} {'static':>7} {'MicroPython':>12}  {'obj_sizeof':>10}")
    os.makedirs(os.path.join(ROOT, "build", "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "bench", "objects.tsv"), "w") as f:
        f.write("board\tobject\tbytes_per_object\tstatic_bytes_per_object\tmicropython_bytes"
                "\tsizeof_one\n")
        for kind, total, count, one, nstatic in rows:
            per = int(total) / int(count)
            static = int(nstatic) * entry / int(count)
            mp = MICROPYTHON[kind]
            mark = "" if per + static <= mp else f"  (+{fmt(per + static - mp)})"
            print(f"  {kind:22} {fmt(per):>7} {fmt(static):>7} {mp:>12}  {one:>10}{mark}")
            f.write(f"{BOARD}\t{kind}\t{fmt(per)}\t{fmt(static)}\t{mp}\t{one}\n")
    print(f"\n  static: the {STATIC_TABLE} table, {table} bytes of the image for {entries} ints"
          f" ({fmt(entry)} each); MicroPython's small ints are tagged pointers")


if __name__ == "__main__":
    main()
