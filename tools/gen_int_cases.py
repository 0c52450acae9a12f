#!/usr/bin/env python3
"""Generate tests/data/int_cases.txt: int test vectors computed by CPython 3.12.

    PYENV_VERSION=3.12.1 python3.12 tools/gen_int_cases.py

The cases are random (fixed seed, so the file is reproducible) with operands
from a few bits to 1000 bits, biased towards the edges of the representation
(2^30, 2^31, 2^32, 2^60, 2^63, 2^64 and their neighbours), plus the errors
CPython raises. tests/objects/test_int.c reads the file (on the board, an
embedded copy) and checks every case.

Format: one case per line (in random order, so that any prefix is a mix of
every operation), fields separated by one space, `#` starts a comment line. Integers are signed lowercase hex without prefix ("-1f", "0") so that
operands do not depend on the decimal conversion under test; a float result is
`#` and the 16 hex digits of its IEEE bits; an error is the exception's name.

    OP a b r           OP in + - * / % ** << >> & | ^ (/ is //)
    d a b q r          divmod
    pm a b m r         pow(a, b, m)
    td a b r           a / b (float)
    c a b r            r = -1, 0, 1 as a < b, a == b, a > b
    ~ a r | neg a r | abs a r
    f a r              float(a)
    s a text           str(a), decimal
    b base a text      a in base 2..36: bin/oct/hex form for 2, 8, 16, digits only otherwise
    h a h64 h32        hash(a) with the 64-bit and 32-bit moduli (2^61-1, 2^31-1)
    i base r text      int(text, base); text runs to the end of the line
"""
import math
import random
import struct
import sys
from fractions import Fraction
from pathlib import Path

SEED = 20240501
OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "int_cases.txt"

rng = random.Random(SEED)
EDGES = [29, 30, 31, 32, 33, 52, 53, 54, 59, 60, 61, 62, 63, 64, 65, 89, 90, 91, 119, 120, 121]
SPACES = [" ", "\t", "\x0b", "\x0c", "\u3000", "\xa0", "\u2003", "\x85", "  "]


def h(v):
    return ("-" if v < 0 else "") + format(abs(v), "x")


def fl(x):
    return "#" + format(struct.unpack("<Q", struct.pack("<d", x))[0], "016x")


def rand_bits(lo, hi):
    n = rng.randint(lo, hi)
    return rng.getrandbits(n) | (1 << (n - 1)) if n else 0


def operand(kind=None):
    kind = kind or rng.choices(
        ["small", "edge", "word", "medium", "large", "sparse"], [15, 20, 20, 20, 18, 7])[0]
    if kind == "small":
        return rng.randint(-300, 300)
    if kind == "edge":
        v = (1 << rng.choice(EDGES)) + rng.randint(-3, 3)
    elif kind == "word":
        v = rand_bits(1, 64)
    elif kind == "medium":
        v = rand_bits(65, 300)
    elif kind == "large":
        v = rand_bits(300, 1000)
    else:  # runs of ones and zeros: carries and borrows across digits
        v = 0
        for _ in range(rng.randint(1, 8)):
            v = (v << rng.randint(1, 120)) | ((1 << rng.randint(1, 120)) - 1)
    return -v if rng.random() < 0.45 else v


def run(fn):
    try:
        return fn()
    except Exception as e:  # the expected error, by name
        return type(e)


def fmt(r):
    if isinstance(r, type):
        return r.__name__
    if isinstance(r, float):
        return fl(r)
    if isinstance(r, tuple):
        return " ".join(fmt(x) for x in r)
    return h(r)


def to_base(v, base):
    if base == 2:
        return bin(v)
    if base == 8:
        return oct(v)
    if base == 16:
        return hex(v)
    digits, m = [], abs(v)
    while True:
        m, d = divmod(m, base)
        digits.append("0123456789abcdefghijklmnopqrstuvwxyz"[d])
        if m == 0:
            break
    return ("-" if v < 0 else "") + "".join(reversed(digits))


def divisor(a):
    r = rng.random()
    if r < 0.03:
        return 0
    if r < 0.5:  # smaller than a: a real quotient, Knuth's corrections
        bits = max(1, abs(a).bit_length() - rng.randint(0, max(1, abs(a).bit_length() - 1)))
        v = rand_bits(1, bits)
        if rng.random() < 0.2:  # a top digit near 2^29: Algorithm D's corrections
            v |= ((1 << 29) - rng.randint(0, 3)) << max(0, bits - 30)
        return v if rng.random() < 0.5 else -v
    return operand()


def power_case():
    if rng.random() < 0.2:  # negative exponents: a float
        a = operand(rng.choice(["small", "edge", "word", "medium", "large"]))
        if rng.random() < 0.1:
            a = rng.choice([0, 1, -1])
        b = -rng.choice([rng.randint(1, 40), rng.randint(1, 2000), rand_bits(1, 80)])
        return a, b
    a = operand(rng.choice(["small", "small", "edge", "word", "medium"]))
    bits = max(1, abs(a).bit_length())
    b = rng.randint(0, max(1, min(4000 // bits, 300)))
    return a, b


def checked_pow(a, b):
    """CPython's a ** b; for b < 0, only when it equals the correctly rounded
    1 / float(a) ** -float(b) (libm's pow() is not always correctly rounded)."""
    r = run(lambda: a ** b)
    if b < 0 and isinstance(r, float):
        x, n = float(a), -float(b)
        ax = abs(x)
        if ax == 1.0:
            ref = 1.0
        elif n * (math.frexp(ax)[1] - 1) >= 5000:
            ref = 0.0
        else:
            ref = float(Fraction(1, int(ax) ** int(n)))
        if x < 0 and n < 2 ** 53 and int(n) % 2:
            ref = -ref
        if struct.pack("<d", ref) != struct.pack("<d", r):
            return None
    return r


def powmod_case():
    m = operand(rng.choice(["small", "edge", "word", "medium"]))
    if rng.random() < 0.03:
        m = 0
    a = operand()
    b = operand(rng.choice(["small", "edge", "word", "medium"]))
    if abs(b).bit_length() > 300:
        b >>= abs(b).bit_length() - 300
    return a, b, m


def shift_count(a, left):
    if rng.random() < 0.03:
        return -rng.randint(1, 100)
    if left:
        return rng.randint(0, max(0, 1100 - abs(a).bit_length()))
    return rng.choice([rng.randint(0, abs(a).bit_length() + 40), rng.randint(0, 70), 10 ** 20])


def true_divide_case():
    r = rng.random()
    if r < 0.15:  # near the overflow and underflow limits
        a = rand_bits(1000, 1000 + 100)
        b = rand_bits(1, 120)
        if rng.random() < 0.5:
            a, b = b, a
    elif r < 0.2:  # both exact doubles
        a, b = rand_bits(1, 53), rand_bits(1, 53)
    else:
        a, b = operand(), operand()
        if rng.random() < 0.03:
            b = 0
    return (-a if rng.random() < 0.3 else a), (-b if rng.random() < 0.3 else b)


def float_case():
    r = rng.random()
    if r < 0.3:  # halfway and near-halfway cases
        n = rng.randint(54, 1030)
        m = (1 << 52) | rng.getrandbits(52)
        v = (2 * m + 1) << (n - 54)
        v += rng.choice([0, 0, 1, -1])
        if rng.random() < 0.3:
            v += 1 << rng.randint(0, max(0, n - 56))
    elif r < 0.4:
        v = (1 << 1024) - rng.choice([1, 1 << 970, 1 << 971, (1 << 971) + 1, 0])
    else:
        v = operand()
    return -v if rng.random() < 0.4 else v


def hash32(v):
    m = (1 << 31) - 1
    x = abs(v) % m
    x = -x if v < 0 else x
    return -2 if x == -1 else x


def parse_case():
    base = rng.choice([0, 0, 0, 10, 10, 2, 8, 16] + list(range(2, 37)))
    v = operand(rng.choice(["small", "edge", "word", "medium", "large"]))
    b = base or rng.choice([2, 8, 10, 16])
    digits = to_base(abs(v), b).lstrip("-")
    if b in (2, 8, 16):
        digits = digits[2:]
    if rng.random() < 0.3:
        digits = "".join(c.upper() if rng.random() < 0.5 else c for c in digits)
    if rng.random() < 0.3:  # underscores between digits
        digits = "".join(c + ("_" if i < len(digits) - 1 and rng.random() < 0.2 else "")
                         for i, c in enumerate(digits))
    prefix = ""
    if b != 10 and (base == 0 or (base in (2, 8, 16) and rng.random() < 0.5)):
        prefix = "0" + {2: "b", 8: "o", 16: "x"}[b]
        if rng.random() < 0.3:
            prefix = prefix.upper() if rng.random() < 0.5 else prefix[0] + prefix[1].upper()
        if rng.random() < 0.2:
            prefix += "_"
    sign = rng.choice(["", "", "-", "+"])
    text = sign + prefix + digits
    if rng.random() < 0.3:
        text = rng.choice(SPACES) + text
    if rng.random() < 0.3:
        text = text + rng.choice(SPACES)
    if rng.random() < 0.35:  # break it
        pos = rng.randint(0, len(text))
        bad = rng.choice(["_", "__", " ", "x", "z", "9", "@", "0", "\x1c", "\u00e9", "-", ""])
        text = text[:pos] + bad + text[pos:]
        if rng.random() < 0.1:
            text = rng.choice(["", " ", "-", "+", "_", "0x", "0b", "0_", "0_0", "00", "012",
                               "0_7", "+_1", "- 1", "1__0", "1_", "_1", "0x_", "0x__1"])
    return base, text


def main():
    lines = ["# int test vectors from CPython %s; regenerate with tools/gen_int_cases.py"
             % sys.version.split()[0]]
    skipped = 0

    def case(*fields):
        lines.append(" ".join(str(f) for f in fields))

    for op, fn in [("+", lambda a, b: a + b), ("-", lambda a, b: a - b),
                   ("*", lambda a, b: a * b)]:
        for _ in range(1000):
            a, b = operand(), operand()
            case(op, h(a), h(b), fmt(fn(a, b)))
    for op, fn in [("/", lambda a, b: a // b), ("%", lambda a, b: a % b), ("d", divmod)]:
        for _ in range(1000):
            a = operand()
            b = divisor(a)
            case(op, h(a), h(b), fmt(run(lambda: fn(a, b))))
    for _ in range(500):
        a, b = power_case()
        r = checked_pow(a, b)
        if r is None:
            skipped += 1
            continue
        case("**", h(a), h(b), fmt(r))
    for _ in range(400):
        a, b, m = powmod_case()
        case("pm", h(a), h(b), h(m), fmt(run(lambda: pow(a, b, m))))
    for op, left in [("<<", True), (">>", False)]:
        for _ in range(500):
            a = operand()
            s = shift_count(a, left)
            case(op, h(a), h(s), fmt(run(lambda: a << s if left else a >> s)))
    for op, fn in [("&", lambda a, b: a & b), ("|", lambda a, b: a | b),
                   ("^", lambda a, b: a ^ b)]:
        for _ in range(500):
            a, b = operand(), operand()
            case(op, h(a), h(b), fmt(fn(a, b)))
    for op, fn in [("~", lambda a: ~a), ("neg", lambda a: -a), ("abs", abs)]:
        for _ in range(200):
            a = operand()
            case(op, h(a), fmt(fn(a)))
    for _ in range(800):
        a = operand()
        b = rng.choice([a, -a, a + 1, a - 1, operand(), operand()])
        case("c", h(a), h(b), (a > b) - (a < b))
    for _ in range(800):
        a, b = true_divide_case()
        case("td", h(a), h(b), fmt(run(lambda: a / b)))
    for _ in range(400):
        a = float_case()
        case("f", h(a), fmt(run(lambda: float(a))))
    for _ in range(600):
        a = operand()
        case("s", h(a), str(a))
    for _ in range(400):
        a, base = operand(), rng.randint(2, 36)
        case("b", base, h(a), to_base(a, base))
    for _ in range(300):
        a = operand()
        case("h", h(a), h(hash(a)), h(hash32(a)))
    for _ in range(1200):
        base, text = parse_case()
        assert "\n" not in text and "\r" not in text
        case("i", base, fmt(run(lambda: int(text, base))), text)
    # Shuffled, so that any prefix is a mix of every operation: the board's
    # image embeds only the first part of the file (tools/subset_data.py).
    body = lines[1:]
    rng.shuffle(body)
    lines[1:] = body
    if hash(2 ** 61) != 1:
        sys.exit("run this with a 64-bit CPython 3.12")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    print("%s: %d cases, %d bytes (%d pow cases skipped: libm's pow() not correctly rounded)"
          % (OUT, len(lines) - 1, OUT.stat().st_size, skipped))


if __name__ == "__main__":
    main()
