#!/usr/bin/env python3
"""Image size and instructions from reset to the prompt, per board.

The count is exact (QEMU icount plus the icount plugin): every guest instruction
from the reset vector until the first call of board_getc, which the console
makes once the banner and the first `>>> ` are out. Writes build/bench/boot.tsv.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import icount  # noqa: E402
from target import BOARDS, ROOT, image_path  # noqa: E402


def main():
    rows = []
    print(f"{'board':15} {'text':>8} {'data':>6} {'bss':>7} {'reset to prompt':>16}")
    for board in BOARDS:
        elf = image_path(board)
        text, data, bss = icount.image_size(elf)
        marks, _, _ = icount.run(board, elf, "board_getc", limit=1, timeout=60)
        if not marks:
            sys.exit(f"{board}: the prompt was never reached")
        rows.append((board, text, data, bss, marks[0]))
        print(f"{board:15} {text:8} {data:6} {bss:7} {marks[0]:16,}")
    os.makedirs(os.path.join(ROOT, "build", "bench"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "bench", "boot.tsv"), "w") as f:
        f.write("board\ttext_bytes\tdata_bytes\tbss_bytes\tinstructions_to_prompt\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")


if __name__ == "__main__":
    main()
