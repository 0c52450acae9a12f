#!/usr/bin/env python3
"""make bench-mm: exact instructions per mm call under QEMU, per board.

Runs build/<board>/bench_mm.elf (tests/bench/bench_mm.c) with the icount plugin
watching bench_mark(). The guest brackets every measured call with two marks
and afterwards prints one `M <kind> <size>` line per pair, in order, then
`BYTES <requested> <consumed>` and `END`. The cost of a call is the difference
between its two marks minus the cost of an empty pair (the `calib` pairs).
Prints a table beside reference allocators measured the same way on the same
workload (REFERENCE below) and writes build/bench/mm.tsv.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import icount  # noqa: E402
from target import ROOT, image_path  # noqa: E402

BOARDS = ["mps2-an386", "mps2-an385"]

# Reference allocators, instructions per call (min / mean / max), measured with
# this workload and this counting (QEMU icount, mps2-an386, Cortex-M4): o1heap
# 2.2, TLSF 3.1 and a pymalloc-shaped pool allocator, each built for the board.
REFERENCE = [
    ("o1heap 2.2", "64 / 75 / 95", "38 / 49 / 92", "94"),
    ("TLSF 3.1", "85 / 120 / 188", "64 / 80 / 166", "-"),
    ("a pymalloc-shaped pool", "17 / 19 / 48", "17 / 17 / 35", "42"),
]


def measure(board):
    elf = image_path(board, "bench_mm")
    marks, _, out = icount.run(board, elf, "bench_mark", timeout=600)
    lines = out.decode("ascii", "replace").replace("\r", "").split("\n")
    if "END" not in lines:
        sys.exit(f"{board}: the benchmark did not finish:\n" + "\n".join(lines[-20:]))
    pairs = [ln.split() for ln in lines if ln.startswith("M ")]
    if len(marks) != 2 * len(pairs):
        sys.exit(f"{board}: {len(marks)} marks for {len(pairs)} measured calls")
    deltas = [marks[2 * i + 1] - marks[2 * i] for i in range(len(pairs))]
    calib = min(d for (_, kind, _), d in zip(pairs, deltas) if kind == "calib")
    costs = {}
    for (_, kind, size), d in zip(pairs, deltas):
        if kind != "calib":
            costs.setdefault(kind, []).append(d - calib)
    byte_line = next((ln.split() for ln in lines if ln.startswith("BYTES ")), None)
    ratio = int(byte_line[2]) / int(byte_line[1]) if byte_line else None
    return costs, ratio, calib


def main():
    rows = []
    for board in BOARDS:
        costs, ratio, calib = measure(board)
        print(f"\n{board}: instructions per call (min / mean / max), empty-pair cost {calib} subtracted")
        print(f"  {'call':24} {'count':>6}  {'min':>5} {'mean':>7} {'max':>5}")
        for kind, values in costs.items():
            mean = statistics.fmean(values)
            print(f"  {kind:24} {len(values):6}  {min(values):5} {mean:7.1f} {max(values):5}")
            rows.append((board, kind, len(values), min(values), f"{mean:.1f}", max(values)))
        if ratio is not None:
            print(f"  bytes consumed per requested byte at the workload's peak: {ratio:.3f}")
            rows.append((board, "bytes_per_requested_byte", 1, "", f"{ratio:.3f}", ""))
    print("\nReference allocators (mps2-an386, same workload): alloc | free | alloc after 1000 holes")
    for name, a, f, h in REFERENCE:
        print(f"  {name:24} {a:>16} | {f:>16} | {h}")
    os.makedirs(os.path.join(ROOT, "build", "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "bench", "mm.tsv"), "w") as f:
        f.write("board\tcall\tcount\tmin\tmean\tmax\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
