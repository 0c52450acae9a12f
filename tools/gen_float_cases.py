#!/usr/bin/env python3
"""Generate tests/data/float_cases.txt: float conversion vectors computed by CPython 3.12.

    PYENV_VERSION=3.12.1 python3.12 tools/gen_float_cases.py

The edge cases come first: arithmetic and comparison over special operands
(floats and ints), round() and hex(); then zeros, infinities, NaN, the subnormal
and normal limits and their neighbours, every power of two, the powers of ten,
halfway cases written out in full, the float() grammar with its errors. After
a `# random` line come random cases (fixed seed, so the file is reproducible):
bit patterns across the whole range, subnormals included, and decimal strings
of 1 to 40 digits with exponents. tests/objects/test_float.c reads the file
and checks every case; the board embeds the file's beginning and may skip some
of the random cases (unit_scale()).

Format: one case per line, fields separated by one space, `#` starts a comment
line. A double is the 16 hex digits of its IEEE bits. Text is escaped: every
byte of its UTF-8 that is not printable ASCII, and space and backslash, is
written \\xHH, so fields never contain a space.

    r bits repr h64 h32     repr(x) and hash(x) with the 64-bit and 32-bit moduli
                            (2^61-1, 2^31-1); the hashes are "-" for a NaN
    p bits text             float(text) has these bits
    x text repr             float(text) raises ValueError; repr is repr(text), as
                            the message "could not convert string to float: <repr>" shows it
    a op x y result         x op y, op in + - * / % // divmod ** < <= == != > >=; an
                            operand is a double or an int: i<signed hex>[p<shift>] is
                            that value times 2^shift; result: a double (two for divmod),
                            T or F, or the exception's name (ValueError where CPython
                            returns a complex: Pyrite has none)
    R x nd result           round(x, nd) (nd "-": round(x), an int i<hex>), or the exception
    h x text                x.hex()
"""
import math
import random
import struct
import sys
from fractions import Fraction
from pathlib import Path

SEED = 20240502
N_RANDOM_DOUBLES = 10000
N_RANDOM_STRINGS = 10000
OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "float_cases.txt"

rng = random.Random(SEED)
lines = ["# float test vectors from CPython %d.%d.%d; regenerate with tools/gen_float_cases.py"
         % sys.version_info[:3]]


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def double(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def esc(text):
    return "".join(chr(c) if 33 <= c < 127 and c != 92 else "\\x%02x" % c
                   for c in text.encode("utf-8"))


def numeric_hash(x, width):
    """CPython's hash of a finite float on a build whose modulus is 2^width - 1."""
    modulus = (1 << width) - 1
    n, d = x.as_integer_ratio()
    h = abs(n) % modulus * pow(d, modulus - 2, modulus) % modulus
    h = -h if n < 0 else h
    return -2 if h == -1 else h


def add_repr(b):
    x = double(b)
    if math.isnan(x):
        lines.append("r %016x %s - -" % (b, repr(x)))
        return
    if math.isinf(x):
        h64 = h32 = 314159 if x > 0 else -314159
    else:
        h64, h32 = numeric_hash(x, 61), numeric_hash(x, 31)
        if sys.hash_info.width == 64:
            assert h64 == hash(x)
    lines.append("r %016x %s %d %d" % (b, repr(x), h64, h32))


def add_parse(text):
    try:
        lines.append("p %016x %s" % (bits(float(text)), esc(text)))
    except ValueError:
        lines.append("x %s %s" % (esc(text), esc(repr(text))))


def exact_decimal(q):
    """The finite decimal expansion of a dyadic rational q >= 0, written out."""
    k = q.denominator.bit_length() - 1
    digits = str(q.numerator * 5 ** k).rjust(k + 1, "0")
    return digits if k == 0 else digits[:-k] + "." + digits[-k:]


def halfway(b):
    """The point halfway between the double with bits b and the next one up."""
    return (Fraction(double(b)) + Fraction(double(b + 1))) / 2


# ---- edge cases: arithmetic, comparison, rounding, hex ----------------------
FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, -7.0, 1e16, 1e300, -1e300, 5e-324, math.inf,
          -math.inf, math.nan]
INTS = [0, 1, -3, 7, 2 ** 53 + 1, -(2 ** 53 + 1), 2 ** 100, 2 ** 1100]
OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
       "/": lambda a, b: a / b, "%": lambda a, b: a % b, "//": lambda a, b: a // b,
       "divmod": divmod, "**": lambda a, b: a ** b, "<": lambda a, b: a < b,
       "<=": lambda a, b: a <= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
       ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


def operand(v):
    if isinstance(v, float):
        return "%016x" % bits(v)
    shift = (abs(v) & -abs(v)).bit_length() - 1 if v else 0
    shift = shift if shift >= 64 else 0
    text = ("-" if v < 0 else "") + format(abs(v) >> shift, "x")
    return "i" + text + ("p%d" % shift if shift else "")


def outcome(v):
    if isinstance(v, bool):
        return "T" if v else "F"
    if isinstance(v, tuple):
        return " ".join(outcome(x) for x in v)
    if isinstance(v, complex):  # a negative base to a fractional power: Pyrite raises
        return "ValueError"
    return "%016x" % bits(v)


for a in FLOATS + INTS:
    for b in FLOATS + INTS:
        if isinstance(a, int) and isinstance(b, int):
            continue
        for op, fn in OPS.items():
            try:
                result = outcome(fn(a, b))
            except Exception as e:
                result = type(e).__name__
            lines.append("a %s %s %s %s" % (op, operand(a), operand(b), result))

ROUND_X = [0.5, 1.5, 2.5, -0.5, 0.125, 0.375, 2.675, 1.005, 0.05, -0.04, 123.456, 1e300, 5e-324,
           1.7976931348623157e308, 2.2250738585072014e-308, 1234567.891, 0.1, 1e16 + 2]
for x in ROUND_X:
    for nd in [None, -400, -309, -308, -300, -100, -10, -3, -1, 0, 1, 2, 3, 10, 15, 16, 17, 20,
               100, 300, 320, 323, 324, 400]:
        try:
            r = round(x, nd)
            result = ("i" + operand(r)[1:]) if nd is None else outcome(r)
        except Exception as e:
            result = type(e).__name__
        lines.append("R %016x %s %s" % (bits(x), "-" if nd is None else nd, result))
for x in FLOATS + [2.0 ** -1022, 0.1, -1e-310, 1.7976931348623157e308, 2.0 ** 53 + 2]:
    lines.append("h %016x %s" % (bits(x), x.hex()))

# ---- edge cases: repr --------------------------------------------------------
MIN_NORMAL, MAX_FINITE, INF = 0x0010000000000000, 0x7FEFFFFFFFFFFFFF, 0x7FF0000000000000
for b in [0, 1, 2, 3, MIN_NORMAL - 2, MIN_NORMAL - 1, MIN_NORMAL, MIN_NORMAL + 1, MIN_NORMAL + 2,
          MAX_FINITE - 1, MAX_FINITE, INF, 0x7FF8000000000000]:
    add_repr(b)
    add_repr(b | 1 << 63)
for x in [1e16, 1e15, 9999999999999998.0, 1e16 + 2, 1e22, 1e23, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3,
          2 / 3, 1e-4, 1e-5, 1.5e-5, 0.00012345, 123.456, 1.0, 2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 63,
          2.0 ** 64, 1e300, 1e-300, 5e-324, 1.7976931348623157e308, 2.2250738585072014e-308,
          4.9406564584124654e-324, 9007199254740993.0, 123456789012345680.0, 0.5, 1.5, 100.0]:
    add_repr(bits(x))
for e in range(-1074, 1024):  # every power of two, and its neighbours every 16th
    b = bits(2.0 ** e)
    add_repr(b)
    if e % 16 == 0 and b > 1:
        add_repr(b - 1)
        add_repr(b + 1)
for e in range(-323, 309):  # the powers of ten, as doubles
    add_repr(bits(float("1e%d" % e)))

# ---- edge cases: parsing -----------------------------------------------------
for text in ["0", "-0", "0.0", "-0.0", "+0", "0e999999999999", "-0e-5", "00000.000000e0",
             "inf", "-inf", "+inf", "Inf", "INFINITY", "-Infinity", "iNfInItY", "nan", "-nan",
             "+NaN", "NAN", "5e-324", "4.9406564584124654e-324", "2.4703282292062327e-324",
             "2.4703282292062328e-324", "2.4703282292062327e-324" + "0" * 30 + "1", "1e-323",
             "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308",
             "2.2250738585072013e-308", "2.225073858507201e-308", "1.7976931348623157e308",
             "1.7976931348623158e308", "1.7976931348623159e308", "1.797693134862315807e308",
             "1.7976931348623158079e308", "1e16", "1e22", "1e23", "8.98846567431158e307", "0.1",
             "0.3", "9007199254740993", "9007199254740992.5", "9007199254740993.000000000001",
             "9007199254740995", "9007199254740994", "18014398509481985", "1e-400", "1e400",
             "-1e400", "1e-99999999999999999999", "1e99999999999999999999", "123.456",
             "1_000.5", "1_000_000", "1e1_0", "1.5e-3_0", "1_2.3_4e+0_5", ".5", "5.", "1.e5",
             "  1.5  ", "\t\n\x0b\x0c\r 2.5 \r\n", "\u00a01.5\u3000", "\u2003-3\u2028",
             "\x851\x85", "\u0661\u0662.\u0663", "\U0001d7ce.5", "1e\u0661", "\uff11\uff10",
             "", " ", ".", "-", "+", "e5", "1e", "1e+", "1e-", "1e5.0", "1.2.3", "--1", "+-1",
             "1 2", "1_", "_1", "1__0", "1_.5", "1._5", "1_e5", "1e_5", "1e5_", "in_f", "infinit",
             "infinityy", "nan(1)", "nanx", "na", "i", "0x1p3", "0x10", "1\x00", "\x001",
             "1\x1c", "\x1f1", "1f", "1d", "abc", "'", '"', "\\", "1,5", "１.５x", "é",
             "\u00a0", "1\u00a0 2"]:
    add_parse(text)
for b in [1, 2, MIN_NORMAL - 1, MIN_NORMAL, 1 << 62, bits(1.0), bits(2.0 ** 53), MAX_FINITE - 1]:
    h = exact_decimal(halfway(b))  # exactly halfway, then a hair above and below
    add_parse(h)
    add_parse(h + ("" if "." in h else ".") + "0" * 40 + "1")
    add_parse(exact_decimal(halfway(b) - Fraction(1, 1 << 1100)))
add_parse(exact_decimal(Fraction(double(MAX_FINITE)) + Fraction(2 ** 970)))  # rounds to inf
add_parse(exact_decimal(Fraction(double(MAX_FINITE)) + Fraction(2 ** 970) - 1))
for n in [1, 17, 40, 200, 800, 1000]:  # many digits
    add_parse("1" + "0" * n + "e-%d" % n)
    add_parse("0." + "0" * n + "1e%d" % (n + 1))
    add_parse("9" * n)
    add_parse("0." + "9" * n)

# ---- random cases -------------------------------------------------------------
lines.append("# random")


def random_double_bits():
    kind = rng.random()
    if kind < 0.6:
        b = rng.getrandbits(63)
    elif kind < 0.75:
        b = rng.getrandbits(rng.randint(1, 52))  # subnormal
    elif kind < 0.85:
        b = bits(float(rng.getrandbits(rng.randint(1, 64))))
    else:
        b = bits(float("%d.%de%d" % (rng.randint(0, 999999), rng.randint(0, 9999),
                                     rng.randint(-330, 310))))
    if (b >> 52) & 0x7FF == 0x7FF:
        b &= ~(1 << 62)  # keep them finite
    return b | (rng.getrandbits(1) << 63)


def random_decimal():
    n = rng.randint(1, 40)
    digits = "".join(rng.choice("0123456789") for _ in range(n))
    point = rng.randint(0, n)
    mant = digits[:point] + "." + digits[point:] if rng.random() < 0.8 else digits
    if mant == ".":
        mant = "0."
    text = rng.choice(["", "", "", "-", "+"]) + mant
    if rng.random() < 0.9:
        text += rng.choice("eE") + rng.choice(["", "", "-", "+"]) + str(rng.randint(0, 340))
    if rng.random() < 0.05:  # an underscore between two digits
        places = [i for i in range(1, len(text)) if text[i - 1].isdigit() and text[i].isdigit()]
        if places:
            i = rng.choice(places)
            text = text[:i] + "_" + text[i:]
    return text


for i in range(max(N_RANDOM_DOUBLES, N_RANDOM_STRINGS)):
    if i < N_RANDOM_DOUBLES:
        add_repr(random_double_bits())
    if i < N_RANDOM_STRINGS:
        add_parse(random_decimal())
    if i % 20 == 0:  # a float and an int that are close, compared, or mixed in arithmetic
        x = rng.choice([1, -1]) * rng.uniform(1, 2) * 2.0 ** rng.randint(-10, 120)
        n = int(x) + rng.choice([-1, 0, 0, 1]) * rng.choice([1, 2 ** rng.randint(0, 70)])
        op = rng.choice(list(OPS))
        a, b = (x, n) if rng.random() < 0.5 else (n, x)
        try:
            result = outcome(OPS[op](a, b))
        except Exception as e:
            result = type(e).__name__
        lines.append("a %s %s %s %s" % (op, operand(a), operand(b), result))
    if i % 50 == 0:  # long strings near a halfway point
        b = rng.getrandbits(62) % (MAX_FINITE - 1) + 1
        h = halfway(b)
        delta = Fraction(1, 1 << rng.randint(1080, 1140)) * rng.choice([-1, 1])
        add_parse(exact_decimal(h + delta) if rng.random() < 0.7 else exact_decimal(h))

OUT.write_text("\n".join(lines) + "\n")
print("%s: %d lines, %d bytes" % (OUT, len(lines), OUT.stat().st_size))
