"""Test images in QEMU: the portable object suites, the mm stress run, the
trashcan chains and the cycle collector's big structures, each an image of its
own that reports over the serial line and exits with its status. They run on
the boards named in each test."""
import re

from target import Target, only_on


def run_image(board, name, limit=600):
    t = Target(board, name, limit=limit)
    status = t.wait(limit + 10)
    return status, t.text()


@only_on("mps2-an385")
def test_object_suites_in_qemu(board):
    status, out = run_image(board, "unit")
    m = re.search(r"UNIT (\d+) passed, (\d+) failed", out)
    failures = "\n".join(line for line in out.splitlines() if line.startswith("FAIL"))
    assert m, "no summary line; output tail:\n" + out[-1500:]
    assert m.group(2) == "0" and status == 0, failures or out[-1500:]
    assert int(m.group(1)) > 0


@only_on("mps2-an385", "lm3s6965evb", "microbit")
def test_mm_stress_in_qemu(board):
    status, out = run_image(board, "mm_stress")
    assert "MM-STRESS PASS" in out and status == 0, out[-1500:]


# What fits each small board's heap (the MPS2 boards must reach 100 000).
SMALL_HEAP_TRASHCAN = {"lm3s6965evb": 200, "microbit": 100}
SMALL_HEAP_GC = {"lm3s6965evb": 500, "microbit": 200}


@only_on("mps2-an385", "lm3s6965evb", "microbit")
def test_trashcan_chains_in_qemu(board):
    status, out = run_image(board, "trashcan")
    assert "TRASHCAN PASS" in out and status == 0, out[-1500:]
    depths = {k: int(d) for k, d in re.findall(r"TRASHCAN (\w+) depth (\d+) ok", out)}
    assert set(depths) == {"list", "tuple", "dict"}, out
    assert min(depths.values()) >= SMALL_HEAP_TRASHCAN.get(board, 100000), depths


@only_on("mps2-an385", "lm3s6965evb", "microbit")
def test_gc_cycles_in_qemu(board):
    status, out = run_image(board, "gc")
    assert "GC PASS" in out and status == 0, out[-1500:]
    found = {k: (int(n), int(m)) for k, n, m in
             re.findall(r"GC (\w+) nodes (\d+) collected (\d+) ok", out)}
    assert set(found) == {"ring", "wide"}, out
    assert all(n == m for n, m in found.values()), found
    assert min(n for n, _ in found.values()) >= SMALL_HEAP_GC.get(board, 100000), found
    # A third of the ring held by the emergency collection, collected at the
    # safe point; another third freed by it.
    held = re.search(r"GC held nodes (\d+) freed (\d+) collected (\d+) ok", out)
    assert held, out
    nodes, freed, collected = map(int, held.groups())
    assert nodes == collected and freed == nodes, held.group(0)
    assert nodes >= found["ring"][0] // 3 - 1, (held.group(0), found)


# The depth each board's heap must hold for the recursion image's nests (the
# MPS2 boards reach the 10 000 levels asked for; a small heap, far fewer, but
# always deeper than its stack allows).
SMALL_HEAP_RECURSION = {"lm3s6965evb": 250, "microbit": 40}


@only_on("mps2-an385", "lm3s6965evb", "microbit")
def test_recursion_bounded_by_stack_in_qemu(board):
    status, out = run_image(board, "recursion")
    assert "RECURSION PASS" in out and status == 0, out[-1500:]
    found = {(k, op): (int(ok), int(at)) for k, op, ok, at in
             re.findall(r"RECURSION (\w+) (\S+) ok to (\d+), RecursionError at \d+ and at (\d+)", out)}
    assert set(found) == {("list", "repr"), ("list", "=="), ("tuple", "repr"), ("tuple", "=="),
                          ("tuple", "hash"), ("dict", "repr"), ("dict", "==")}, out
    assert min(at for _, at in found.values()) >= SMALL_HEAP_RECURSION.get(board, 10000), found
    # Nesting this shallow must still work on every board.
    assert min(ok for ok, _ in found.values()) >= 8, found
    unused = int(re.search(r"RECURSION stack (\d+) bytes never used", out).group(1))
    assert unused > 0, out
