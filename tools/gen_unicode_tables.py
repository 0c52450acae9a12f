#!/usr/bin/env python3
"""Generate objects/unicode_tables.h: the Unicode character database that str
needs, taken from CPython 3.12 itself (Unicode 15.0.0), so that Pyrite's
answers are CPython's.

    PYENV_VERSION=3.12.1 python3.12 tools/gen_unicode_tables.py

(and clang-format, when installed, lays the header out as the rest of the tree).

The properties come from CPython's own C functions (_PyUnicode_IsPrintable,
_PyUnicode_IsCased, ... through ctypes), the case mappings from str.lower()
and friends. Before writing, the script decodes its own tables exactly as
objects/str_methods.c does and checks every code point against CPython.

What is generated (every table const, so it stays in flash):

1. Character properties, one 10-bit flag word per code point. 0..U+10FFFF is
   cut into runs of equal flags; each distinct flag word is a "kind" (fewer
   than 32). The runs are a byte stream: kind << 3 | n, where n = 0..5 is a run
   of n + 1 code points, n = 6 is followed by one byte b (a run of 7 + b) and
   n = 7 by three bytes (a little-endian length). Every UCD_PROPS_STEP-th run
   has a checkpoint (its first code point and its offset in the stream): a
   lookup binary-searches the checkpoints, then decodes at most
   UCD_PROPS_STEP runs.
   Flags: printable (str.isprintable), alpha, a numeric level (1 numeric,
   2 digit, 3 decimal; each implies the lower ones in CPython), XID_Start,
   XID_Continue (str.isidentifier), case-ignorable (final sigma), titlecase
   (category Lt) and two correction bits for Uppercase and Lowercase: a
   character is predicted uppercase when it has a lowercase mapping and is
   not titlecase (lowercase: has an uppercase mapping), and UCD_UPPER_X /
   UCD_LOWER_X flip the prediction. That keeps the alternating upper/lower
   letters of Latin, Greek, Cyrillic ... out of the run table.
   Cased (title() and final sigma) is Uppercase or Lowercase or titlecase.

2. Simple (1:1) case mappings, as sorted ranges: key = start << 11 |
   (count - 1) << 1 | stride2; the range maps start, start + s, ... (s = 1, or
   2 when stride2 is set) by adding delta to the low 16 bits (mappings never
   leave their plane). Lower and upper are full tables; title lists only the
   characters whose title mapping differs from upper, fold only those whose
   case folding differs from lower.
   The 1:1 mapping of a character is CPython's when that is one character.
   The 104 characters whose full mapping has several characters (SpecialCasing
   and CaseFolding status F: 'ß'.upper() == 'SS', ligatures, Greek with
   ypogegrammeni, 'İ'.lower()) get the Unicode simple mapping here, derived
   as follows: upper = the one-character title mapping if there is one, else
   unchanged; title likewise; lower = the first character of the full
   mapping; fold = the simple lower mapping (except U+0130, which has no
   simple folding). Their full mappings are in the next table.

2b. Full case mappings of those characters (all in the BMP, as are their
   mappings): ucd_special_cp sorted, and ucd_special_map[i] their lower,
   upper, title and casefold mappings, each up to three UTF-16 units, padded
   with 0. str's lower(), upper(), title(), capitalize(), swapcase() and
   casefold() use these first, so that every one matches CPython's.

3. White space (str.isspace, split, strip) and line boundaries (splitlines)
   as small lists of BMP ranges / code points.
"""
import ctypes
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "objects" / "unicode_tables.h"
N = 0x110000
PROPS_STEP = 32

F_PRINTABLE = 0x001
F_ALPHA = 0x002
F_NUM_SHIFT = 2  # two bits: 1 numeric, 2 digit, 3 decimal
F_XID_START = 0x010
F_XID_CONTINUE = 0x020
F_CASE_IGNORABLE = 0x040
F_UPPER_X = 0x080
F_LOWER_X = 0x100
F_TITLE = 0x200

api = ctypes.pythonapi


def cpred(name):
    f = getattr(api, "_PyUnicode_" + name)
    f.restype = ctypes.c_int
    f.argtypes = [ctypes.c_uint32]
    return f


is_printable, is_alpha = cpred("IsPrintable"), cpred("IsAlpha")
is_decimal, is_digit, is_numeric = cpred("IsDecimalDigit"), cpred("IsDigit"), cpred("IsNumeric")
is_xid_start, is_xid_continue = cpred("IsXidStart"), cpred("IsXidContinue")
is_case_ignorable, is_cased = cpred("IsCaseIgnorable"), cpred("IsCased")
is_lower, is_upper, is_title = cpred("IsLowercase"), cpred("IsUppercase"), cpred("IsTitlecase")
is_space, is_linebreak = cpred("IsWhitespace"), cpred("IsLinebreak")


# ---- simple case mappings ---------------------------------------------------

def simple_mappings():
    lower, upper, title, fold = {}, {}, {}, {}
    for c in range(N):
        s = chr(c)
        lo, up, ti, cf = s.lower(), s.upper(), s.title(), s.casefold()
        lower[c] = ord(lo[0])
        title[c] = ord(ti) if len(ti) == 1 else c
        upper[c] = ord(up) if len(up) == 1 else title[c]
        if len(cf) == 1:
            fold[c] = ord(cf)
        else:
            fold[c] = c if c == 0x130 else lower[c]
    return lower, upper, title, fold


def special_mappings():
    """{code point: (lower, upper, title, casefold)} for the characters with a
    full mapping of several characters."""
    out = {}
    for c in range(N):
        s = chr(c)
        m = (s.lower(), s.upper(), s.title(), s.casefold())
        if any(len(x) > 1 for x in m):
            assert c < 0x10000, hex(c)
            assert all(1 <= len(x) <= 3 and all(0 < ord(ch) < 0x10000 for ch in x) for x in m)
            out[c] = m
    return out


def ranges(m):
    """{code point: target} -> sorted [(start, count, stride, delta16)] whose
    spans hold no other range's start (so a binary search on start works)."""
    delta = {c: (t - c) for c, t in m.items()}
    for c, t in m.items():
        assert c >> 16 == t >> 16, hex(c)
    out, done = [], set()
    for c in sorted(m):
        if c in done:
            continue
        d = delta[c]
        e1 = c
        while e1 + 1 in m and delta[e1 + 1] == d and e1 - c + 1 < 1024:
            e1 += 1
        e2 = c
        while (e2 + 2 in m and delta[e2 + 2] == d and e2 + 1 not in m
               and (e2 - c) // 2 + 1 < 1024):
            e2 += 2
        if (e2 - c) // 2 + 1 > e1 - c + 1:
            out.append((c, (e2 - c) // 2 + 1, 2, d & 0xFFFF))
            done.update(range(c, e2 + 1, 2))
        else:
            out.append((c, e1 - c + 1, 1, d & 0xFFFF))
            done.update(range(c, e1 + 1))
    return out


def map_lookup(table, c):
    """The C lookup: the target, or None."""
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        if table[mid][0] <= c:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return None
    start, count, stride, d = table[lo - 1]
    off = c - start
    if off % stride or off // stride >= count:
        return None
    return (c & ~0xFFFF) | ((c + d) & 0xFFFF)


# ---- properties ---------------------------------------------------------------

def props(lower, upper):
    flags = []
    for c in range(N):
        f = 0
        if is_printable(c):
            f |= F_PRINTABLE
        if is_alpha(c):
            f |= F_ALPHA
        num = 3 if is_decimal(c) else 2 if is_digit(c) else 1 if is_numeric(c) else 0
        assert not is_decimal(c) or is_digit(c)
        assert not is_digit(c) or is_numeric(c)
        f |= num << F_NUM_SHIFT
        if is_xid_start(c):
            f |= F_XID_START
        if is_xid_continue(c):
            f |= F_XID_CONTINUE
        if is_case_ignorable(c):
            f |= F_CASE_IGNORABLE
        lt = bool(is_title(c))
        if lt:
            f |= F_TITLE
        if bool(is_upper(c)) != (lower[c] != c and not lt):
            f |= F_UPPER_X
        if bool(is_lower(c)) != (upper[c] != c and not lt):
            f |= F_LOWER_X
        assert bool(is_cased(c)) == bool(is_upper(c) or is_lower(c) or lt), hex(c)
        flags.append(f)
    return flags


def encode_runs(flags):
    runs = []
    for c, f in enumerate(flags):
        if runs and runs[-1][2] == f:
            runs[-1][1] += 1
        else:
            runs.append([c, 1, f])
    kinds = sorted({f for _, _, f in runs})
    assert len(kinds) <= 32, len(kinds)
    kind_of = {f: i for i, f in enumerate(kinds)}
    stream, checkpoints = bytearray(), []
    for i, (start, n, f) in enumerate(runs):
        if i % PROPS_STEP == 0:
            checkpoints.append((start, len(stream)))
        k = kind_of[f] << 3
        if n <= 6:
            stream.append(k | (n - 1))
        elif n <= 262:
            stream += bytes([k | 6, n - 7])
        else:
            stream += bytes([k | 7]) + n.to_bytes(3, "little")
    assert len(stream) < 65536
    return kinds, stream, checkpoints


def props_lookup(kinds, stream, checkpoints, c):
    """The C lookup."""
    lo, hi = 0, len(checkpoints)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if checkpoints[mid][0] <= c:
            lo = mid
        else:
            hi = mid
    start, p = checkpoints[lo]
    while True:
        b = stream[p]
        p += 1
        n = (b & 7) + 1
        if b & 7 == 6:
            n = 7 + stream[p]
            p += 1
        elif b & 7 == 7:
            n = int.from_bytes(stream[p:p + 3], "little")
            p += 3
        if c - start < n:
            return kinds[b >> 3]
        start += n


def bmp_ranges(pred):
    out = []
    for c in range(N):
        if pred(c):
            assert c < 0x10000
            if out and out[-1][1] == c - 1:
                out[-1][1] = c
            else:
                out.append([c, c])
    return out


# ---- output -------------------------------------------------------------------

def c_array(ctype, name, values, per_line, fmt):
    lines = [f"static const {ctype} {name}[{len(values)}] = {{"]
    for i in range(0, len(values), per_line):
        lines.append("    " + " ".join(fmt(v) + "," for v in values[i:i + per_line]))
    lines.append("};")
    return "\n".join(lines)


def map_arrays(name, table):
    keys = [start << 11 | (count - 1) << 1 | (stride == 2) for start, count, stride, _ in table]
    deltas = [d for _, _, _, d in table]
    return (c_array("uint32_t", f"ucd_{name}_keys", keys, 6, lambda v: f"0x{v:08x}u") + "\n" +
            c_array("uint16_t", f"ucd_{name}_deltas", deltas, 10, lambda v: f"0x{v:04x}"))


def main():
    assert unicodedata.unidata_version == "15.0.0", unicodedata.unidata_version
    lower, upper, title, fold = simple_mappings()
    special = special_mappings()
    tables = {
        "lower": ranges({c: t for c, t in lower.items() if t != c}),
        "upper": ranges({c: t for c, t in upper.items() if t != c}),
        "title": ranges({c: t for c, t in title.items() if t != upper[c]}),
        "fold": ranges({c: t for c, t in fold.items() if t != lower[c]}),
    }
    flags = props(lower, upper)
    kinds, stream, checkpoints = encode_runs(flags)
    space = bmp_ranges(is_space)
    linebreak = [lo for lo, hi in bmp_ranges(is_linebreak) for lo in range(lo, hi + 1)]

    # Decode everything as the C code does and compare with CPython.
    for c in range(N):
        f = props_lookup(kinds, stream, checkpoints, c)
        assert f == flags[c], hex(c)
        lo = map_lookup(tables["lower"], c) or c
        up = map_lookup(tables["upper"], c) or c
        ti = map_lookup(tables["title"], c)
        fo = map_lookup(tables["fold"], c)
        ti = up if ti is None else ti
        fo = lo if fo is None else fo
        assert (lo, up, ti, fo) == (lower[c], upper[c], title[c], fold[c]), hex(c)
        lt = bool(f & F_TITLE)
        assert bool(is_upper(c)) == ((lo != c and not lt) != bool(f & F_UPPER_X))
        assert bool(is_lower(c)) == ((up != c and not lt) != bool(f & F_LOWER_X))
        s = chr(c)
        full = special.get(c, (chr(lo), chr(up), chr(ti), chr(fo)))
        assert full == (s.lower(), s.upper(), s.title(), s.casefold()), hex(c)

    sizes = {
        "properties": len(stream) + len(kinds) * 2 + len(checkpoints) * 6,
        "case mappings": sum(len(t) * 6 for t in tables.values()) + len(special) * 26,
        "white space and line breaks": len(space) * 4 + len(linebreak) * 2,
    }
    total = sum(sizes.values())
    out = [
        "/* The Unicode character database of str: generated by tools/gen_unicode_tables.py from",
        f" * CPython {sys.version.split()[0]} (Unicode {unicodedata.unidata_version}). "
        "Do not edit; see the script for the",
        " * encoding. Included only by objects/str_methods.c.",
        " *",
        f" * Flash: {total} bytes in all: " +
        ", ".join(f"{k} {v}" for k, v in sizes.items()) + ".",
        f" * ({len(stream)}-byte run stream of {len(kinds)} kinds, {len(checkpoints)} "
        "checkpoints;",
        " * case ranges: " + ", ".join(f"{k} {len(t)}" for k, t in tables.items()) + ".)",
        " */",
        "#ifndef UNICODE_TABLES_H",
        "#define UNICODE_TABLES_H",
        "",
        "#include <stdint.h>",
        "",
        "/* Property flags (ucd_props_kinds). */",
        f"#define UCD_PRINTABLE 0x{F_PRINTABLE:03x}u",
        f"#define UCD_ALPHA 0x{F_ALPHA:03x}u",
        f"#define UCD_NUM_SHIFT {F_NUM_SHIFT} /* 2 bits: 1 numeric, 2 digit, 3 decimal */",
        f"#define UCD_XID_START 0x{F_XID_START:03x}u",
        f"#define UCD_XID_CONTINUE 0x{F_XID_CONTINUE:03x}u",
        f"#define UCD_CASE_IGNORABLE 0x{F_CASE_IGNORABLE:03x}u",
        f"#define UCD_UPPER_X 0x{F_UPPER_X:03x}u /* flips \"has a lower mapping, not Lt\" */",
        f"#define UCD_LOWER_X 0x{F_LOWER_X:03x}u /* flips \"has an upper mapping, not Lt\" */",
        f"#define UCD_TITLE 0x{F_TITLE:03x}u /* category Lt */",
        "",
        f"#define UCD_PROPS_STEP {PROPS_STEP} /* runs between checkpoints */",
        c_array("uint16_t", "ucd_props_kinds", kinds, 10, lambda v: f"0x{v:03x}"),
        c_array("uint8_t", "ucd_props_runs", list(stream), 16, lambda v: f"0x{v:02x}"),
        c_array("uint32_t", "ucd_props_check_cp", [cp for cp, _ in checkpoints], 8,
                lambda v: f"0x{v:05x}"),
        c_array("uint16_t", "ucd_props_check_off", [off for _, off in checkpoints], 10,
                lambda v: f"{v}"),
        "",
        "/* Simple case mappings: ranges, key = start << 11 | (count - 1) << 1 | stride2. */",
    ]
    for name, table in tables.items():
        out.append(map_arrays(name, table))
    rows = []
    for c in sorted(special):
        for m in special[c]:
            rows += [ord(ch) for ch in m] + [0] * (3 - len(m))
    out += [
        "",
        "/* Full case mappings with several characters: the code points, and for each",
        " * its lower, upper, title and casefold mappings, 3 units each, 0-padded. */",
        c_array("uint16_t", "ucd_special_cp", sorted(special), 10, lambda v: f"0x{v:04x}"),
        f"static const uint16_t ucd_special_map[{len(special)}][4][3] = {{",
    ]
    for i, c in enumerate(sorted(special)):
        r = rows[i * 12:(i + 1) * 12]
        groups = ", ".join("{" + ", ".join(f"0x{v:04x}" for v in r[k * 3:k * 3 + 3]) + "}"
                           for k in range(4))
        out.append(f"    {{{groups}}},")
    out.append("};")
    out += [
        "",
        "/* White space: inclusive ranges. Line boundaries: code points. */",
        c_array("uint16_t", "ucd_space", [v for r in space for v in r], 10,
                lambda v: f"0x{v:04x}"),
        c_array("uint16_t", "ucd_linebreak", linebreak, 10, lambda v: f"0x{v:04x}"),
        "",
        "#endif /* UNICODE_TABLES_H */",
        "",
    ]
    OUT.write_text("\n".join(out))
    if shutil.which("clang-format"):  # the repository's layout (.clang-format)
        subprocess.run(["clang-format", "-i", str(OUT)], check=True)
    print(f"{OUT}: {total} bytes of tables ({sizes})")


if __name__ == "__main__":
    main()
