#!/usr/bin/env python3
"""Check that project includes point down the layers, by path from the root.

Every `#include "..."` in a layered folder must name a header by its path from
the repository root ("objects/str.h"), and that header's folder must be one the
including file's layer may use. The Makefile gives each layer the same list as
its include path (build/inc/LAYER/), so the compiler rejects an upward include
too; this check names the file, the line and the rule. Prints nothing and exits
0 when every include is allowed.

  tools/check_layers.py [ROOT]
"""
import os
import re
import sys

# Each layer and the folders it may include, lowest first. boot/ implements the
# board interface kernel/board.h and calls kernel_main, so it sits above kernel.
ALLOWED = {
    "config": ["config"],
    "mm": ["config", "mm"],
    "objects": ["config", "mm", "objects"],
    "gc": ["config", "mm", "objects", "gc"],
    "lang": ["config", "mm", "objects", "gc", "lang"],
    "kernel": ["config", "mm", "objects", "gc", "lang", "kernel"],
    # boot/ sees the rest only through the interface it implements,
    # kernel/board.h (which brings the board's configuration and config/port.h
    # with it); its include path still holds config/ for those nested includes.
    "boot": ["kernel", "boot"],
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def violations(root):
    for layer, allowed in ALLOWED.items():
        for dirpath, _, files in os.walk(os.path.join(root, layer)):
            for name in sorted(files):
                if not name.endswith((".c", ".h", ".S")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        target = m.group(1)
                        top = target.split("/")[0]
                        if "/" not in target or ".." in target.split("/"):
                            yield (f"{rel}:{lineno}: includes \"{target}\": name a project header "
                                   f"by its path from the repository root")
                        elif top not in allowed:
                            yield (f"{rel}:{lineno}: includes \"{target}\", but the {layer} layer "
                                   f"may include only {', '.join(allowed)}/ (includes point down)")


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    found = list(violations(root))
    for v in found:
        print(v)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
