"""Layering: includes point down (tools/check_layers.py), and the build makes an
upward include a compile error, not only a finding of the check."""
import os
import shutil
import subprocess
import sys
import tempfile

from target import ROOT

BOARDS = ["host"]


def check(root):
    return subprocess.run([sys.executable, os.path.join(ROOT, "tools", "check_layers.py"), root],
                          capture_output=True, text=True)


def test_includes_point_down(board):
    p = check(ROOT)
    assert p.returncode == 0 and not p.stdout, "upward or unqualified includes:\n" + p.stdout


def test_upward_include_is_reported_and_fails_to_compile(board):
    with tempfile.TemporaryDirectory() as scratch:
        for layer in ("config", "mm", "objects", "gc", "kernel", "boot"):
            shutil.copytree(os.path.join(ROOT, layer), os.path.join(scratch, layer))
        os.makedirs(os.path.join(scratch, "lang"))
        bad = os.path.join(scratch, "mm", "upward.c")
        with open(bad, "w") as f:
            f.write('#include "objects/object.h"\nint mm_upward;\n')
        p = check(scratch)
        assert p.returncode == 1, p.stdout
        assert 'mm/upward.c:1: includes "objects/object.h", but the mm layer may include only' \
            in p.stdout, p.stdout
        # The build's own include path for mm/ (build/inc/mm/) cannot see objects/.
        inc = os.path.join(ROOT, "build", "inc", "mm")
        c = subprocess.run(["gcc", "-fsyntax-only", "-I" + inc, bad], capture_output=True, text=True)
        assert c.returncode != 0 and "objects/object.h" in c.stderr, c.stderr
        ok = os.path.join(scratch, "mm", "down.c")
        with open(ok, "w") as f:
            f.write('#include "config/pyrite_config.h"\nint mm_down;\n')
        c = subprocess.run(["gcc", "-fsyntax-only", "-I" + inc,
                            "-DPYR_BOARD_HEADER=\"config/boards/host.h\"", ok],
                           capture_output=True, text=True)
        assert c.returncode == 0, c.stderr
