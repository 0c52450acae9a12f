"""Link tests: an image that outgrows its board's flash or RAM must fail to link
with the linker's own message, not boot half-broken. Run on the two small
boards (the others have megabytes of both). Each test links a copy of the
board's already compiled objects in a scratch build directory, so that nothing
in build/ changes under the other tests."""
import os
import shutil
import subprocess
import tempfile

from target import ROOT

BOARDS = ["lm3s6965evb", "microbit"]
CPU = {"lm3s6965evb": "-mcpu=cortex-m3", "microbit": "-mcpu=cortex-m0"}


def link(board, scratch, *make_vars):
    """Link build/<board>/pyrite.elf again in scratch with make_vars: (status, output)."""
    dst = os.path.join(scratch, board, "obj")
    if not os.path.isdir(dst):
        shutil.copytree(os.path.join(ROOT, "build", board, "obj"), dst)  # keeps the times
    elf = os.path.join(scratch, board, "pyrite.elf")
    if os.path.exists(elf):
        os.remove(elf)
    p = subprocess.run(["make", "--no-print-directory", f"BUILD={scratch}", f"BOARD={board}",
                        elf, *make_vars], cwd=ROOT, capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout + p.stderr, os.path.exists(elf)


def test_flash_overflow_fails_to_link(board):
    with tempfile.TemporaryDirectory() as scratch:
        status, out, made = link(board, scratch)
        assert status == 0 and made, "the unchanged image must link:\n" + out[-2000:]
        blob_c, blob_o = os.path.join(scratch, "blob.c"), os.path.join(scratch, "blob.o")
        with open(blob_c, "w") as f:
            f.write("const unsigned char pyr_test_blob[300 * 1024] = {1};\n")
        subprocess.run(["arm-none-eabi-gcc", "-mthumb", CPU[board], "-c", blob_c, "-o", blob_o],
                       check=True)
        status, out, made = link(board, scratch, f"EXTRA_LDFLAGS={blob_o} -Wl,-u,pyr_test_blob")
        assert status != 0 and not made, "a 300 KiB constant linked into 256 KiB of flash"
        assert "region `CODE' overflowed" in out, out[-2000:]


def test_ram_overflow_fails_to_link(board):
    with tempfile.TemporaryDirectory() as scratch:
        status, out, made = link(board, scratch, "STACK_SIZE=65536")
        assert status != 0 and not made, "a 64 KiB stack linked into the board's RAM"
        assert "region `RAM' overflowed" in out or "of heap" in out, out[-2000:]
