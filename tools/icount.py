"""Exact guest instruction counts with the icount TCG plugin (tools/icount/icount.c).

run(board, elf, marker_symbol, ...) boots the image under QEMU with
-icount shift=0,align=off,sleep=off and returns the running instruction count at
each execution of the marker symbol's first instruction.
"""
import os
import subprocess
import tempfile

from target import ROOT, qemu_command

PLUGIN = os.path.join(ROOT, "build", "tools", "icount.so")
ICOUNT = ["-icount", "shift=0,align=off,sleep=off"]


def symbol_address(elf, name):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] == name:
            return int(parts[0], 16)
    raise KeyError(f"{name} not in {elf}")


def image_size(elf):
    out = subprocess.run(["arm-none-eabi-size", elf], capture_output=True, text=True, check=True)
    text, data, bss = (int(x) for x in out.stdout.splitlines()[1].split()[:3])
    return text, data, bss


def run(board, elf, marker, limit=0, stdin=b"", timeout=600, plugin_args=""):
    """Returns (marker counts, total, guest output bytes). plugin_args: more
    of the plugin's options (profile mode: "profile=FILE,window=K")."""
    with tempfile.TemporaryDirectory() as tmp:
        counts = os.path.join(tmp, "counts.txt")
        arg = f"{PLUGIN},marker={symbol_address(elf, marker):#x},out={counts}"
        if limit:
            arg += f",limit={limit}"
        if plugin_args:
            arg += "," + plugin_args
        cmd = qemu_command(board, elf, ICOUNT + ["-plugin", arg])
        p = subprocess.run(["timeout", "-k", "2", str(timeout)] + cmd, input=stdin,
                           capture_output=True)
        lines = open(counts).read().split("\n") if os.path.exists(counts) else []
    marks = [int(x) for x in lines if x.isdigit()]
    total = next((int(x.split()[1]) for x in lines if x.startswith("total")), None)
    return marks, total, p.stdout
