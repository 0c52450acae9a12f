#!/usr/bin/env python3
"""make bench-gc: exact instructions per collection under QEMU (mps2-an385).

Runs build/mps2-an385/bench_gc.elf (tests/bench/bench_gc.c) with the icount
plugin watching bench_mark(). The guest brackets each measured call with two
marks and afterwards prints one `M <kind> <detail>` line per pair, in order,
`S <kind> <detail> key=value...` lines describing the workloads, then `END`.
The cost of a call is the difference between its two marks minus the cost of
an empty pair (the cheapest `calib` pair). Prints the tables beside
MicroPython's figures (MICROPYTHON_* below, measured the same way on the same
board) and writes build/bench/gc.tsv.
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import icount  # noqa: E402
from target import ROOT, image_path  # noqa: E402

BOARD = "mps2-an385"
YOUNG_GOAL = 100000  # instructions for a generation-0 collection of 700 objects

# MicroPython v1.29.0-preview, port qemu, MPS2_AN385, 1 MiB heap, a list of
# small lists: one explicit gc.collect() with L KiB live (mark-sweep: the pause
# grows with the heap). And on the same board with a 140 KiB heap: an explicit
# collection of a nearly empty heap costs about 75 000 instructions.
MICROPYTHON_FULL = {0: 18344, 100: 1654134, 300: 3499260, 600: 6266582, 900: 9034220}
MICROPYTHON_EMPTY_140K = 75000


def measure():
    elf = image_path(BOARD, "bench_gc")
    marks, _, out = icount.run(BOARD, elf, "bench_mark", timeout=900)
    lines = out.decode("ascii", "replace").replace("\r", "").split("\n")
    if "END" not in lines:
        sys.exit("the benchmark did not finish:\n" + "\n".join(lines[-20:]))
    pairs = [ln.split()[1:] for ln in lines if ln.startswith("M ")]
    if len(marks) != 2 * len(pairs):
        sys.exit(f"{len(marks)} marks for {len(pairs)} measured calls")
    deltas = [marks[2 * i + 1] - marks[2 * i] for i in range(len(pairs))]
    calib = min(d for (kind, _), d in zip(pairs, deltas) if kind == "calib")
    costs = {}
    for (kind, detail), d in zip(pairs, deltas):
        if kind != "calib":
            costs.setdefault((kind, int(detail)), []).append(d - calib)
    info = {}
    for ln in lines:
        if ln.startswith("S "):
            _, kind, detail, *kv = ln.split()
            info[(kind, int(detail))] = {k: int(v) for k, v in (x.split("=") for x in kv)}
    return costs, info, calib


def summary(values):
    return min(values), statistics.fmean(values), max(values)


def main():
    costs, info, calib = measure()
    rows = []
    print(f"{BOARD}: instructions per call (min / mean / max), empty-pair cost {calib} subtracted")

    titles = {"young": "700 young lists, all surviving (the collector's own work)",
              "mixed": "700 young lists: 350 survive, 350 in 175 garbage 2-cycles (freed too)"}
    for workload in ("young", "mixed"):
        print(f"\nGeneration-0 collection, {titles[workload]},")
        print(f"with long-lived containers in generation 2 (goal: flat, <= {YOUNG_GOAL:,})")
        print(f"  {'old generations':>16} {'containers':>10} {'min':>9} {'mean':>11} {'max':>9}"
              f" {'per young obj':>14}")
        for (kind, kib), values in costs.items():
            if kind != workload:
                continue
            lo, mean, hi = summary(values)
            s = info[(kind, kib)]
            label = f"{s['old_bytes'] / 1024:.0f} KiB" if kib else "0"
            flag = "" if hi <= YOUNG_GOAL else "  (over the goal)"
            print(f"  {label:>16} {s['old_containers']:>10,} {lo:>9,} {mean:>11,.0f} {hi:>9,}"
                  f" {mean / s['young']:>14.1f}{flag}")
            rows.append((kind, kib, s["old_bytes"], s["old_containers"], len(values), lo,
                         f"{mean:.0f}", hi, f"{mean / s['young']:.1f}", ""))
    print(f"  MicroPython (mark-sweep, no generations): an explicit collection of a nearly empty")
    print(f"  140 KiB heap ~{MICROPYTHON_EMPTY_140K:,}; with 1 MiB heap: see below")

    print("\nFull collection, everything reachable (a list of small lists [i, i]):")
    print(f"  {'live data':>10} {'containers':>10} {'instructions':>13} {'per container':>14}"
          f" {'MicroPython gc.collect()':>25}")
    for (kind, kib), values in costs.items():
        if kind != "full":
            continue
        s = info[(kind, kib)]
        mean = statistics.fmean(values)
        mp = MICROPYTHON_FULL.get(kib)
        print(f"  {s['bytes'] / 1024:>6.0f} KiB {s['containers']:>10,} {mean:>13,.0f}"
              f" {mean / s['containers']:>14.1f} {mp:>25,}")
        rows.append(("full", kib, s["bytes"], s["containers"], len(values), min(values),
                     f"{mean:.0f}", max(values), f"{mean / s['containers']:.1f}", mp))

    print("\nTracking overhead per container (obj_gc_track at birth, obj_gc_untrack at death),")
    print("beside a whole list allocation and free (free lists warm):")
    for kind in ("track", "untrack", "alloc", "free"):
        lo, mean, hi = summary(costs[(kind, 0)])
        print(f"  {kind:8} {lo:>5} {mean:>8.1f} {hi:>5}")
        rows.append((kind, 0, "", "", len(costs[(kind, 0)]), lo, f"{mean:.1f}", hi, "", ""))

    os.makedirs(os.path.join(ROOT, "build", "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "bench", "gc.tsv"), "w") as f:
        f.write("measure\tdetail_kib\tbytes\tcontainers\tcount\tmin\tmean\tmax\tper_unit"
                "\tmicropython\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
