#!/usr/bin/env python3
"""Print an image's text/data/bss (from `arm-none-eabi-size` on stdin) in one line."""
import sys

board = sys.argv[1]
lines = sys.stdin.read().split("\n")
text, data, bss = (int(x) for x in lines[1].split()[:3])
print(f"{board}: text {text} B, data {data} B, bss {bss} B (flash {text + data} B)")
