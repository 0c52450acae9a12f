#!/usr/bin/env python3
"""Generate tests/data/str_cases.txt: str method calls, indexing, slicing,
iteration and reprs with the results (or errors) CPython 3.12 gives, for
tests/objects/test_str.c to replay.

    PYENV_VERSION=3.12.1 python3.12 tools/gen_str_cases.py

The receivers are a fixed corpus of ASCII and non-ASCII text (é, €, 😀,
U+00A0, U+2028, Greek sigmas, titlecase digraphs, combining marks, digits of
other scripts ...); the calls are every method with the argument shapes that
matter (defaults, negative and out-of-range indices, None, wrong types, too
many arguments). Random slices (fixed seed) exercise every step. CPython's
UnicodeEncodeError is written as UnicodeError, the only Unicode error Pyrite
has.

Format: one case per line, tokens separated by one space, `#` starts a
comment line.

    .name self arg... = result      self.name(*args)
    is self = s<flags>               a T or F for each of isalnum isalpha isascii
                                     isdecimal isdigit isidentifier islower
                                     isnumeric isprintable isspace isupper
    [] self key = result             self[key]
    iter self = result               list(self)
    repr self = result               repr(self)
    ucd <block> <pred> <map>         block of 4096 code points (every block of
                                     planes 0-3 and 14, where the characters are;
                                     the first and last of the others, uniformly
                                     unassigned or private use): <pred> is FNV-1a
                                     (32 bits, hex) over two flag bytes per code
                                     point (surrogates skipped): isalpha, isdecimal,
                                     isdigit, isnumeric, isspace, isupper, islower,
                                     isprintable as bits 0-7, then isidentifier,
                                     ('a' + c).isidentifier(), isalnum as bits 0-2;
                                     <map> is FNV-1a over the UTF-8 of upper, lower,
                                     casefold, swapcase, title and repr of the
                                     block's text, joined by '|'

A token is one of: N (None), T, F, i<decimal> (an int), s<text> (a str),
f<repr> (a float), b<text> (bytes), ( ... ) a tuple and [ ... ] a list of tokens, < a b c > the
slice a:b:c, and, as a result only, !<ExceptionName>:<text> (the error and
its message). In <text>, \\s is a space, \\\\ a backslash, \\n \\t \\r as in C, and
\\xHH, \\uHHHH, \\UHHHHHHHH a code point (a byte in bytes); printable non-ASCII
characters are written as themselves in UTF-8.
"""
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "str_cases.txt"
SEED = 20240612
rng = random.Random(SEED)

CORPUS = [
    "", "a", "abc", "Hello, World!", "  hello  world  ",
    "\t a\nb\x0bc\x0cd\re\x1cf\x1dg\x1eh\x1fi ",
    "héllo wörld", "x€y€z", "😀a😀bc😀", "a\xa0b\u2028c\u2029d\x85e", "\u3000\u2003ab\u2009",
    "ΟΔΟΣ ΣΟΦΟΣ", "Σ", "ΑΣ", "ΑΣ.", "ΑΣ'Α", "Α.Σ", "aΣ\u0301", "ǅemal ǆ ǈ", "ǄEMAL",
    "İstanbul ıi", "Ⅻ ⓐⓑ Ⓒ", "ꭰꭱ ᏸ", "ᲐᲑ აბ", "µ ſ ϐ ẞ", "a\u0301e\u0300", "Ⅷ½²³٣߂",
    "123", "٣٤٥", "½", "²", "一二三", "①", "1.5", "-42", "+7", "0x1f", "abcabcabc",
    "aaa", "a,b,,c,", ",", "mississippi", "the quick brown fox", "TITLE Case wORDS",
    "don't stop", "hello_world", "_x1", "1abc", "αβγ", "x\u00b7y", "a-b", "\x00\x01\x7f",
    "tab\there\tand\tthere", "01\t012\t0123\t01234\n\t1", "a\r\nb\rc\nd", "line1\n\nline3\n",
    "\u2028x\u2029", "ﬀ", "ß", "ŉ",
]
# The receivers of the searching, splitting and padding calls, with their separators.
SEARCH = {
    "": [" ", "a"], "abc": ["b", "€"], "  hello  world  ": [" ", "l"], "x€y€z": ["€", "y€"],
    "😀a😀bc😀": ["😀", "a"], "a\xa0b\u2028c\u2029d\x85e": ["\u2028", "\xa0"],
    "ΟΔΟΣ ΣΟΦΟΣ": ["Σ", " "], "a,b,,c,": [",", ",,"], "mississippi": ["ss", "i"],
    "-42": ["-", "4"], "é": ["é", "e"],
}
# The receivers of find/count/startswith with start and end, with their needles.
WINDOWS = {"abc": ["", "b"], "x€y€z": ["", "€", "y€"], "😀a😀bc😀": ["", "😀", "a😀"],
           "mississippi": ["", "ss", "i"]}
PREDICATES = ["isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier",
              "islower", "isnumeric", "isprintable", "isspace", "isupper"]



def text(s, byte=False):
    out = []
    for ch in s:
        c = ch if not byte else chr(ch)
        o = ord(c)
        if c == " ":
            out.append("\\s")
        elif c == "\\":
            out.append("\\\\")
        elif c in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[c])
        elif byte and (o < 0x20 or o >= 0x7F):
            out.append(f"\\x{o:02x}")
        elif not c.isprintable() or o < 0x20:
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}" if o < 0x10000
                       else f"\\U{o:08x}")
        else:
            out.append(c)
    return "".join(out)


class Slice:
    def __init__(self, a, b, c):
        self.a, self.b, self.c = a, b, c


def token(v):
    if v is None:
        return "N"
    if v is True:
        return "T"
    if v is False:
        return "F"
    if isinstance(v, int):
        return f"i{v}"
    if isinstance(v, str):
        return "s" + text(v)
    if isinstance(v, bytes):
        return "b" + text(v, byte=True)
    if isinstance(v, tuple):
        return " ".join(["("] + [token(x) for x in v] + [")"])
    if isinstance(v, list):
        return " ".join(["["] + [token(x) for x in v] + ["]"])
    if isinstance(v, Slice):
        return f"< {token(v.a)} {token(v.b)} {token(v.c)} >"
    if isinstance(v, float):
        return f"f{v!r}"
    raise TypeError(type(v))


def outcome(fn):
    try:
        return token(fn())
    except Exception as e:  # noqa: BLE001 - every error is a test result
        name = type(e).__name__
        if name == "UnicodeEncodeError":
            name = "UnicodeError"
        return f"!{name}:" + text(str(e))


lines = []


def case(op, s, args, fn):
    lines.append(" ".join([op, token(s)] + [token(a) for a in args] + ["=", outcome(fn)]))


def call(s, name, *args):
    case("." + name, s, args, lambda: getattr(s, name)(*args))


BIG = 2**70


def methods():
    for s in CORPUS:
        for name in ["lower", "upper", "casefold", "capitalize", "title", "swapcase", "split"]:
            call(s, name)
        if s.splitlines() != [s]:
            call(s, "splitlines")
        if "\t" in s:
            call(s, "expandtabs")
        case("is", s, [], lambda: "".join("TF"[not getattr(s, m)()] for m in PREDICATES))
        case("repr", s, [], lambda: repr(s))
    for s in SEARCH:
        n = len(s)
        case("iter", s, [], lambda: list(s))
        for i in sorted({0, 1, n - 1, n, -1, -n, -n - 1}):
            case("[]", s, [i], lambda: s[i])
        call(s, "lstrip")
        call(s, "rstrip")
        for sep in SEARCH[s]:
            for maxsplit in [-1, 1]:
                call(s, "split", sep, maxsplit)
                call(s, "rsplit", sep, maxsplit)
            call(s, "partition", sep)
            call(s, "rpartition", sep)
            call(s, "count", sep)
            call(s, "find", sep)
            call(s, "rfind", sep)
            call(s, "index", sep)
            call(s, "rindex", sep)
            call(s, "startswith", sep)
            call(s, "endswith", sep)
            call(s, "removeprefix", sep)
            call(s, "removesuffix", sep)
            call(s, "replace", sep, "<->")
            call(s, "strip", sep)
        call(s, "replace", sep, "", 1)
        call(s, "lstrip", sep)
        call(s, "rstrip", sep)
        for maxsplit in [0, 1, 2]:
            call(s, "split", None, maxsplit)
            call(s, "rsplit", None, maxsplit)
        call(s, "splitlines", True)
        for width in [-1, n + 1, n + 2, 9]:
            call(s, "center", width, "€" if width % 2 else " ")
            call(s, "ljust", width, "*")
            call(s, "rjust", width, "😀")
            call(s, "zfill", width)
        for tab in [0, 4, -2]:
            call(s, "expandtabs", tab)
        call(s, "strip", "a€😀 ")
        call(s, "encode")
        if not s.isascii():
            call(s, "encode", "ascii")
            call(s, "encode", "latin-1")
            for errors in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
                call(s, "encode", "ascii", errors)
        call(s, "join", ["x", "y", "z"])
        call(s, "startswith", ("x", "a", "€"))
        call(s, "endswith", ("x", "c", "😀"), 1)
        call(s, "startswith", ())
        call(s, "replace", "", "-")
        call(s, "replace", "", "-", 2)
        call(s, "replace", "a", "€€", 0)
    for s, subs in WINDOWS.items():
        n = len(s)
        for sub in subs:
            for start, end in [(1, None), (-3, None), (2, -1), (None, 2), (n, None), (n + 1, None),
                               (-BIG, BIG), (0, 0)]:
                args = (sub, start) if end is None else (sub, start, end)
                for name in ["find", "rfind", "count", "startswith", "endswith"]:
                    call(s, name, *args)
            call(s, "index", sub, 2)
            call(s, "rindex", sub, 0, -2)


def errors():
    s = "abc"
    for name, args in [
        ("join", ()), ("join", (1, 2)), ("join", (5,)), ("join", ([1],)), ("join", (["a", 2],)),
        ("join", (("a", None),)), ("split", (1,)), ("split", ("a", 1, 2)), ("split", ("",)),
        ("split", (None, 1.5)), ("split", (None, BIG)), ("rsplit", (1,)), ("rsplit", ("",)),
        ("splitlines", (1, 2)), ("splitlines", (1.5,)), ("splitlines", (None,)),
        ("splitlines", ("x",)), ("strip", (1,)), ("lstrip", (1,)), ("rstrip", (1,)),
        ("strip", ("a", "b")), ("startswith", ()), ("startswith", (1,)),
        ("startswith", (("b", 1),)), ("startswith", (("a", 1),)), ("endswith", (1,)),
        ("endswith", (("b", 1),)), ("startswith", ("a", 1, 2, 3)), ("startswith", ("a", 1.5)),
        ("find", ()), ("find", (1,)), ("find", ("a", "x")), ("find", ("a", 1, 2, 3)),
        ("rfind", (None,)), ("index", ("z",)), ("rindex", ("z",)), ("count", (1,)),
        ("count", ()), ("index", ()), ("replace", ("a",)), ("replace", (1, "b")),
        ("replace", ("a", 1)), ("replace", ("a", "b", 1.5)), ("replace", ("a", "b", 1, 2)),
        ("replace", ("a", "b", BIG)), ("upper", (1,)), ("lower", (1,)), ("casefold", (1,)),
        ("capitalize", (1,)), ("title", (1,)), ("swapcase", (1,)), ("isdigit", (1,)),
        ("isidentifier", (1,)), ("isascii", (1,)), ("isprintable", (1,)), ("isspace", (1,)),
        ("isupper", (1,)), ("islower", (1,)), ("isalnum", (1,)), ("isalpha", (1,)),
        ("isdecimal", (1,)), ("isnumeric", (1,)), ("partition", ()), ("partition", (1,)),
        ("partition", ("",)), ("rpartition", ("",)), ("rpartition", ("a", "b")),
        ("center", ()), ("center", (5, 1)), ("center", (5, "ab")), ("center", (5, "")),
        ("center", (1.5,)), ("center", (BIG,)), ("ljust", (5, "")), ("rjust", (1, 2, 3)),
        ("zfill", ()), ("zfill", (1.5,)), ("zfill", (1, 2)), ("expandtabs", (1, 2)),
        ("expandtabs", (1.5,)), ("expandtabs", (BIG,)), ("expandtabs", (2**40,)),
        ("removeprefix", ()), ("removeprefix", (1,)), ("removesuffix", (1,)),
        ("removesuffix", ("a", "b")), ("encode", (1,)), ("encode", ("utf-8", 1)),
        ("encode", ("x",)), ("encode", ("a", "b", "c")), ("encode", ("UTF-8",)),
        ("encode", ("utf8",)), ("encode", ("Latin_1",)), ("encode", ("US-ASCII", "strict")),
    ]:
        call(s, name, *args)
    for t in ["aé€😀", "aéé", "a€", "a😀", "aéb€"]:
        for codec in ["ascii", "latin-1"]:
            call(t, "encode", codec)
            call(t, "encode", codec, "surrogateescape")
    call(",", "join", [])
    call(",", "join", ("é",))
    for key in [1.5, "a", None, BIG, -BIG, True, Slice(None, None, 0), Slice(1.5, None, None)]:
        k = slice(key.a, key.b, key.c) if isinstance(key, Slice) else key
        case("[]", s, [key], lambda: s[k])
        case("[]", "é€", [key], lambda: "é€"[k])


def slices():
    for s in ["abcdefghij", "h€llo wörld 😀!", "😀é€a\u2028b\xa0cé😀", "", "é"]:
        n = len(s)
        picks = [None] + list(range(-n - 3, n + 4))
        for _ in range(16):
            a, b = rng.choice(picks), rng.choice(picks)
            c = rng.choice([None, 1, 1, 2, 3, -1, -1, -2, -3, 5, -7, n or 1, -(n or 1)])
            key = Slice(a, b, c)
            case("[]", s, [key], lambda: s[slice(a, b, c)])
        for key in [Slice(None, None, None), Slice(None, None, -1), Slice(-BIG, BIG, None),
                    Slice(BIG, -BIG, -1), Slice(1, None, BIG)]:
            case("[]", s, [key], lambda: s[slice(key.a, key.b, key.c)])


def fnv(data, h=0x811C9DC5):
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def ucd_blocks():
    for block in range(0x110000 // 4096):
        if block // 16 not in (0, 1, 2, 3, 14) and block % 16 not in (0, 15):
            continue
        chars = [chr(c) for c in range(block * 4096, block * 4096 + 4096)
                 if not 0xD800 <= c < 0xE000]
        flags = bytearray()
        for c in chars:
            flags.append(c.isalpha() | c.isdecimal() << 1 | c.isdigit() << 2 | c.isnumeric() << 3
                         | c.isspace() << 4 | c.isupper() << 5 | c.islower() << 6
                         | c.isprintable() << 7)
            flags.append(c.isidentifier() | ("a" + c).isidentifier() << 1 | c.isalnum() << 2)
        s = "".join(chars)
        mapped = "|".join([s.upper(), s.lower(), s.casefold(), s.swapcase(), s.title(), repr(s)])
        lines.append(f"ucd {block} {fnv(flags):08x} {fnv(mapped.encode()):08x}")


def main():
    methods()
    errors()
    slices()
    ucd_blocks()
    header = [
        "# str cases computed by CPython 3.12 (tools/gen_str_cases.py); see the script for the",
        "# format. One case per line: op self args... = result",
    ]
    OUT.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} cases, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
