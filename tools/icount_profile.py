#!/usr/bin/env python3
"""Where the instructions go: a per-function profile of one measured window.

    python3 tools/icount_profile.py BOARD IMAGE WINDOW [TOP]

boots build/BOARD/IMAGE.elf under QEMU with the icount plugin in profile mode
and prints the functions that executed the most instructions between the
WINDOW-th and the next execution of bench_mark (counting from 0), with their
share. The image's benchmark decides what the windows are (a bench image marks
before and after each measured call, so window 2k is the k-th measurement).
"""
import bisect
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import icount  # noqa: E402
from target import image_path  # noqa: E402


def functions(elf):
    out = subprocess.run(["arm-none-eabi-nm", "-n", "--defined-only", elf],
                         capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        addr, kind, name = line.split()[:3]
        if kind in "tTwW":
            syms.append((int(addr, 16) & ~1, name))
    return syms


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    board, image, window = sys.argv[1], sys.argv[2], int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    elf = image_path(board, image)
    with tempfile.TemporaryDirectory() as tmp:
        prof = os.path.join(tmp, "profile.txt")
        icount.run(board, elf, "bench_mark", plugin_args=f"profile={prof},window={window}")
        rows = [line.split() for line in open(prof)] if os.path.exists(prof) else []
    if not rows:
        sys.exit(f"no profile: window {window} was never closed")
    syms = functions(elf)
    starts = [a for a, _ in syms]
    per = {}
    for addr, count in rows:
        i = bisect.bisect_right(starts, int(addr, 16)) - 1
        name = syms[i][1] if i >= 0 else "?"
        per[name] = per.get(name, 0) + int(count)
    total = sum(per.values())
    print(f"{total:,} instructions in window {window} of {image} on {board}")
    for name, n in sorted(per.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {n:12,} {100 * n / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
