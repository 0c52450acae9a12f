#!/usr/bin/env python3
"""Copy the first part of a test-data file, at most MAX bytes, cut at a record
boundary: a line boundary, or the start of a `case ` block for files made of
such blocks. The target unit-test image embeds these subsets (the full files
run on the host).

  tools/subset_data.py IN OUT MAX
"""
import sys

src, dst, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
if len(data) > limit:
    cut = data.rfind(b"\n", 0, limit) + 1
    if b"\ncase " in data[:cut]:
        cut = data.rfind(b"\ncase ", 0, cut) + 1
    data = data[:cut]
open(dst, "wb").write(data)
