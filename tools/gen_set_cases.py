#!/usr/bin/env python3
"""Generate tests/data/set_cases.txt: set scenarios with the iteration orders
CPython 3.12 produces, for tests/objects/test_set.c to replay.

    PYENV_VERSION=3.12.1 python3.12 tools/gen_set_cases.py [--seed N] [--cases N]

Why a model: the order of a set depends on the element hashes and on the
width of size_t (the probe sequence shifts `perturb`, the hash as an unsigned
word, right by 5 bits each round). The ints used here hash alike on a 64-bit
host and a 32-bit target (|x| < 2^31 - 1, or x = +-(h + k*Q) with
Q = (2^31 - 1)(2^61 - 1), which is h modulo both Mersenne primes), but a
negative hash is a different unsigned word on each width, so orders can still
differ. The script therefore carries a model of CPython 3.12's setobject.c
(set_add_entry, set_table_resize, set_merge, set_pop's finger ...) for
either width: every scenario runs on real CPython sets and on the model for
64 bits, which must agree exactly (order, popped values, frozenset hashes);
the 32-bit expectations come from the same model with 32-bit words.

File format, one command per line (registers are the letters a..z; an
argument that is not a register name is an int token; an int token is a
decimal, or [-]Q<k>+<h> for the huge int +-(k*Q + h)):

    case <n>                      start a scenario (all registers empty)
    list <r> <int>...             r = [ints]
    dict <r> <int>...             r = dict.fromkeys([ints])
    range <r> <start> <stop> <step>  r = range(start, stop, step)
    set <r> <src>|-               r = set(src) / set()
    frozenset <r> <src>|-         r = frozenset(src) / frozenset()
    call <dst>|- <recv> <method> <arg>...   dst = recv.method(*args)
    op <dst> <a> <or|and|sub|xor|ior|iand|isub|ixor> <b>   dst = a | b, a |= b ...
    = <r> <set|frozenset> <n> <int>...      list(r), on both widths
    =64 ... / =32 ...             the same, for one word width only
    digest <r> <type> <n> <d64> <d32>  FNV-1a over the low 32 bits of each
                                  element's hash, in iteration order
    val <r> <int64> <int32>       r == int (a popped element)
    bool <r> 0|1                  r is False / True
    cmp <a> <b> <six 0/1>         a < b, a <= b, a == b, a != b, a > b, a >= b
    in <r> <int> 0|1              (int in r)
    hash <r> <h64> <h32>          hash(frozenset(r))
    end
"""
import argparse
import os
import random
import sys

M31 = (1 << 31) - 1
M61 = (1 << 61) - 1
Q = M31 * M61
LINEAR_PROBES = 9
PERTURB_SHIFT = 5
MINSIZE = 8
WIDTHS = (64, 32)


def int_hash(x, width):
    """CPython's hash(int) on a `width`-bit build."""
    m = M61 if width == 64 else M31
    h = abs(x) % m
    if x < 0:
        h = -h
    return -2 if h == -1 else h


DUMMY = object()


class MDict:
    """Stands for dict.fromkeys(keys): keys in insertion order."""

    def __init__(self, keys):
        self.keys = list(dict.fromkeys(keys))


def iter_keys(obj):
    return obj.keys if isinstance(obj, MDict) else list(obj)


class MSet:
    """CPython 3.12's set/frozenset table, on `width`-bit words."""

    def __init__(self, width, frozen=False):
        self.width = width
        self.umask = (1 << width) - 1
        self.frozen = frozen
        self.fill = self.used = 0
        self.mask = MINSIZE - 1
        self.keys = [None] * MINSIZE
        self.hashes = [0] * MINSIZE
        self.finger = 0

    def new_like(self):
        return MSet(self.width, self.frozen)

    def hash_of(self, x):
        return int_hash(x, self.width)

    def entries(self):
        return [(k, h) for k, h in zip(self.keys, self.hashes) if k is not None and k is not DUMMY]

    def order(self):
        return [k for k, _ in self.entries()]

    # ---- probing ----
    def lookkey(self, key, h):
        mask = self.mask
        i = h & mask
        perturb = h & self.umask
        while True:
            probes = LINEAR_PROBES if i + LINEAR_PROBES <= mask else 0
            j = i
            while True:
                k = self.keys[j]
                if k is None:
                    return j, False
                if self.hashes[j] == h and k == key:
                    return j, True
                if probes == 0:
                    break
                probes -= 1
                j += 1
            perturb >>= PERTURB_SHIFT
            i = (i * 5 + 1 + perturb) & mask

    def contains(self, key, h):
        return self.lookkey(key, h)[1]

    def add_entry(self, key, h):
        mask = self.mask
        i = h & mask
        perturb = h & self.umask
        freeslot = None
        while True:
            probes = LINEAR_PROBES if i + LINEAR_PROBES <= mask else 0
            j = i
            while True:
                k = self.keys[j]
                if k is None:
                    break
                if self.hashes[j] == h:
                    if k == key:
                        return
                elif self.hashes[j] == -1:
                    freeslot = j
                if probes == 0:
                    j = None
                    break
                probes -= 1
                j += 1
            if j is not None:
                break
            perturb >>= PERTURB_SHIFT
            i = (i * 5 + 1 + perturb) & mask
        if freeslot is not None:
            self.used += 1
            self.keys[freeslot], self.hashes[freeslot] = key, h
            return
        self.fill += 1
        self.used += 1
        self.keys[j], self.hashes[j] = key, h
        if self.fill * 5 < mask * 3:
            return
        self.resize(self.used * 2 if self.used > 50000 else self.used * 4)

    def insert_clean(self, keys, hashes, mask, key, h):
        perturb = h & self.umask
        i = h & mask
        while True:
            if keys[i] is None:
                keys[i], hashes[i] = key, h
                return
            if i + LINEAR_PROBES <= mask:
                for j in range(i + 1, i + LINEAR_PROBES + 1):
                    if keys[j] is None:
                        keys[j], hashes[j] = key, h
                        return
            perturb >>= PERTURB_SHIFT
            i = (i * 5 + 1 + perturb) & mask

    def resize(self, minused):
        newsize = MINSIZE
        while newsize <= minused:
            newsize <<= 1
        if newsize == MINSIZE and self.mask == MINSIZE - 1 and self.fill == self.used:
            return
        old = list(zip(self.keys, self.hashes))
        self.keys = [None] * newsize
        self.hashes = [0] * newsize
        self.mask = newsize - 1
        if self.fill == self.used:
            live = [(k, h) for k, h in old if k is not None]
        else:
            self.fill = self.used
            live = [(k, h) for k, h in old if k is not None and k is not DUMMY]
        for k, h in live:
            self.insert_clean(self.keys, self.hashes, self.mask, k, h)

    def discard_entry(self, key, h):
        j, found = self.lookkey(key, h)
        if not found:
            return 0
        self.keys[j], self.hashes[j] = DUMMY, -1
        self.used -= 1
        return 1

    # ---- whole-set operations (setobject.c names) ----
    def clear(self):
        finger = self.finger
        self.__init__(self.width, self.frozen)
        self.finger = finger  # set_clear_internal leaves the finger alone

    def merge(self, other):
        if other is self or other.used == 0:
            return
        if (self.fill + other.used) * 5 >= self.mask * 3:
            self.resize((self.used + other.used) * 2)
        if self.fill == 0 and self.mask == other.mask and other.fill == other.used:
            self.keys = list(other.keys)
            self.hashes = list(other.hashes)
            self.fill = other.fill
            self.used = other.used
            return
        if self.fill == 0:
            self.fill = self.used = other.used
            for k, h in other.entries():
                self.insert_clean(self.keys, self.hashes, self.mask, k, h)
            return
        for k, h in other.entries():
            self.add_entry(k, h)

    def update_internal(self, other):
        if isinstance(other, MSet):
            self.merge(other)
        elif isinstance(other, MDict):
            n = len(other.keys)
            if (self.fill + n) * 5 >= self.mask * 3:
                self.resize((self.used + n) * 2)
            for k in other.keys:
                self.add_entry(k, self.hash_of(k))
        else:
            for k in other:
                self.add_entry(k, self.hash_of(k))

    def copy(self):
        r = self.new_like()
        r.merge(self)
        return r

    def intersection(self, other):
        if other is self:
            return self.copy()
        result = self.new_like()
        if isinstance(other, MSet):
            so, ot = self, other
            if ot.used > so.used:
                so, ot = ot, so
            for k, h in ot.entries():
                if so.contains(k, h):
                    result.add_entry(k, h)
            return result
        for k in iter_keys(other):
            h = self.hash_of(k)
            if self.contains(k, h):
                result.add_entry(k, h)
                if result.used >= self.used:
                    break
        return result

    def intersection_multi(self, others):
        if not others:
            return self.copy()
        result = self
        for o in others:
            result = result.intersection(o)
        return result

    def swap_bodies(self, other):
        for f in ("fill", "used", "mask", "keys", "hashes"):
            a, b = getattr(self, f), getattr(other, f)
            setattr(self, f, b)
            setattr(other, f, a)

    def difference_update_internal(self, other):
        if other is self:
            self.clear()
            return
        if isinstance(other, MSet):
            if (other.used >> 3) > self.used:
                other = self.intersection(other)
            for k, h in other.entries():
                self.discard_entry(k, h)
        else:
            for k in iter_keys(other):
                self.discard_entry(k, self.hash_of(k))
        if self.fill - self.used <= self.mask // 4:
            return
        self.resize(self.used * 2 if self.used > 50000 else self.used * 4)

    def copy_and_difference(self, other):
        r = self.copy()
        r.difference_update_internal(other)
        return r

    def difference(self, other):
        if isinstance(other, MSet):
            other_size = other.used
        elif isinstance(other, MDict):
            other_size = len(other.keys)
        else:
            return self.copy_and_difference(other)
        if (self.used >> 2) > other_size:
            return self.copy_and_difference(other)
        result = self.new_like()
        for k, h in self.entries():
            present = k in other.keys if isinstance(other, MDict) else other.contains(k, h)
            if not present:
                result.add_entry(k, h)
        return result

    def symmetric_difference_update(self, other):
        if other is self:
            self.clear()
            return
        if isinstance(other, MDict):
            for k in other.keys:
                h = self.hash_of(k)
                if not self.discard_entry(k, h):
                    self.add_entry(k, h)
            return
        if not isinstance(other, MSet):
            o = self.new_like()
            o.update_internal(other)
            other = o
        for k, h in other.entries():
            if not self.discard_entry(k, h):
                self.add_entry(k, h)

    def symmetric_difference(self, other):
        r = self.new_like()
        r.update_internal(other)
        r.symmetric_difference_update(self)
        return r

    def pop(self):
        assert self.used
        j = self.finger & self.mask
        while self.keys[j] is None or self.keys[j] is DUMMY:
            j += 1
            if j > self.mask:
                j = 0
        key = self.keys[j]
        self.keys[j], self.hashes[j] = DUMMY, -1
        self.used -= 1
        self.finger = j + 1
        return key

    def frozen_hash(self):
        u = self.umask

        def shuffle(h):
            h &= u
            return (((h ^ 89869747) ^ (h << 16)) * 3644798167) & u

        acc = 0
        for _, h in self.entries():
            acc ^= shuffle(h)
        acc ^= ((self.used + 1) * 1927868237) & u
        acc ^= (acc >> 11) ^ (acc >> 25)
        acc = (acc * 69069 + 907133923) & u
        if acc == u:
            acc = 590923713
        return acc - (1 << self.width) if acc >> (self.width - 1) else acc

    # ---- the methods the scenarios call, by their Python names ----
    def m_add(self, x):
        self.add_entry(x, self.hash_of(x))

    def m_discard(self, x):
        self.discard_entry(x, self.hash_of(x))

    def m_remove(self, x):
        assert self.discard_entry(x, self.hash_of(x))

    def m_pop(self):
        return self.pop()

    def m_clear(self):
        self.clear()

    def m_copy(self):
        return self if self.frozen else self.copy()

    def m_update(self, *others):
        for o in others:
            self.update_internal(o)

    def m_union(self, *others):
        r = self.copy()
        for o in others:
            if o is not self:
                r.update_internal(o)
        return r

    def m_intersection(self, *others):
        return self.intersection_multi(list(others))

    def m_intersection_update(self, *others):
        tmp = self.intersection_multi(list(others))
        self.swap_bodies(tmp)

    def m_difference(self, *others):
        if not others:
            return self.copy()
        r = self.difference(others[0])
        for o in others[1:]:
            r.difference_update_internal(o)
        return r

    def m_difference_update(self, *others):
        for o in others:
            self.difference_update_internal(o)

    def m_symmetric_difference(self, other):
        return self.symmetric_difference(other)

    def m_symmetric_difference_update(self, other):
        self.symmetric_difference_update(other)

    def m_isdisjoint(self, other):
        return not self.intersection(other).used if isinstance(other, MSet) else not any(
            self.contains(k, self.hash_of(k)) for k in iter_keys(other))

    def m_issubset(self, other):
        return self.intersection(other).used == self.used

    def m_issuperset(self, other):
        return all(self.contains(k, self.hash_of(k)) for k in (
            other.order() if isinstance(other, MSet) else iter_keys(other)))

    # ---- operators ----
    def op(self, name, other):
        if name == "or":
            r = self.copy()
            if other is not self:
                r.update_internal(other)
            return r
        if name == "and":
            return self.intersection(other)
        if name == "sub":
            return self.difference(other)
        if name == "xor":
            return self.symmetric_difference(other)
        if name == "ior":
            self.update_internal(other)
        elif name == "iand":
            self.swap_bodies(self.intersection(other))
        elif name == "isub":
            self.difference_update_internal(other)
        elif name == "ixor":
            self.symmetric_difference_update(other)
        return self


REAL_OPS = {
    "or": lambda a, b: a | b, "and": lambda a, b: a & b, "sub": lambda a, b: a - b,
    "xor": lambda a, b: a ^ b,
}


def real_inplace(a, name, b):
    if name == "ior":
        a |= b
    elif name == "iand":
        a &= b
    elif name == "isub":
        a -= b
    else:
        a ^= b
    return a


def tok(x):
    if abs(x) < M31:
        return str(x)
    k, h = divmod(abs(x), Q)
    assert k > 0 and h < M31, x
    return f"{'-' if x < 0 else ''}Q{k}+{h}"


def fnv(hashes):
    d = 2166136261
    for h in hashes:
        d = ((d ^ (h & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return d


class Scenario:
    """Runs commands on real CPython objects and on the models, and writes them."""

    def __init__(self, out, rng):
        self.out = out
        self.rng = rng
        self.real = {}
        self.model = {w: {} for w in WIDTHS}

    def emit(self, *words):
        self.out.append(" ".join(str(w) for w in words))

    def arg(self, width, a):
        return self.model[width][a] if isinstance(a, str) else a

    def real_arg(self, a):
        return self.real[a] if isinstance(a, str) else a

    def word(self, a):
        return a if isinstance(a, str) else tok(a)

    # ---- making registers ----
    def make_list(self, r, items):
        self.emit("list", r, *map(tok, items))
        self.real[r] = list(items)
        for w in WIDTHS:
            self.model[w][r] = list(items)

    def make_dict(self, r, items):
        self.emit("dict", r, *map(tok, items))
        self.real[r] = dict.fromkeys(items)
        for w in WIDTHS:
            self.model[w][r] = MDict(items)

    def make_range(self, r, start, stop, step):
        self.emit("range", r, start, stop, step)
        self.real[r] = range(start, stop, step)
        for w in WIDTHS:
            self.model[w][r] = list(range(start, stop, step))

    def make_set(self, r, src, frozen=False):
        self.emit("frozenset" if frozen else "set", r, src or "-")
        real_src = self.real[src] if src else ()
        self.real[r] = frozenset(real_src) if frozen else set(real_src)
        for w in WIDTHS:
            m_src = self.model[w][src] if src else None
            if frozen and isinstance(m_src, MSet) and m_src.frozen:
                self.model[w][r] = m_src
                continue
            s = MSet(w, frozen)
            if m_src is not None:
                s.update_internal(m_src)
            self.model[w][r] = s
        self.check(r)

    # ---- operations ----
    def call(self, dst, recv, method, *args):
        self.emit("call", dst or "-", recv, method, *map(self.word, args))
        res = getattr(self.real[recv], method)(*map(self.real_arg, args))
        results = {}
        for w in WIDTHS:
            results[w] = getattr(self.model[w][recv], "m_" + method)(*(self.arg(w, a) for a in args))
        if method == "pop":
            self.real[dst] = res
            for w in WIDTHS:
                self.model[w][dst] = results[w]
            assert results[64] == res, (method, results[64], res)
            self.emit("val", dst, tok(results[64]), tok(results[32]))
        elif isinstance(res, bool):
            assert results[64] == res and results[32] == res
            self.emit("bool", dst, int(res))
        elif dst:
            self.real[dst] = res
            for w in WIDTHS:
                self.model[w][dst] = results[w]
            self.check(dst)
        self.check(recv)

    def op(self, dst, a, name, b):
        self.emit("op", dst, a, name, b)
        if name.startswith("i"):
            assert dst == a
            self.real[a] = real_inplace(self.real[a], name, self.real[b])
        else:
            self.real[dst] = REAL_OPS[name](self.real[a], self.real[b])
        for w in WIDTHS:
            self.model[w][dst] = self.model[w][a].op(name, self.model[w][b])
        self.check(dst)

    # ---- checks ----
    def check(self, r, force=False):
        real = self.real[r]
        if not isinstance(real, (set, frozenset)):
            return
        m = {w: self.model[w][r] for w in WIDTHS}
        order = {w: m[w].order() for w in WIDTHS}
        if order[64] != list(real):
            raise AssertionError(f"model differs from CPython for {r}:\n{order[64]}\n{list(real)}")
        kind = "frozenset" if isinstance(real, frozenset) else "set"
        assert m[64].frozen == (kind == "frozenset")
        if not force and self.rng.random() < 0.8:
            return
        if len(real) > 60:
            d = {w: fnv(int_hash(x, w) for x in order[w]) for w in WIDTHS}
            self.emit("digest", r, kind, len(real), d[64], d[32])
        elif order[64] == order[32]:
            self.emit("=", r, kind, len(real), *map(tok, order[64]))
        else:
            for w in WIDTHS:
                self.emit(f"={w}", r, kind, len(real), *map(tok, order[w]))

    def check_cmp(self, a, b):
        x, y = self.real[a], self.real[b]
        bits = "".join(str(int(v)) for v in (x < y, x <= y, x == y, x != y, x > y, x >= y))
        self.emit("cmp", a, b, bits)

    def check_in(self, r, x):
        self.emit("in", r, tok(x), int(x in self.real[r]))

    def check_hash(self, r):
        real = frozenset(self.real[r])
        h = {w: self.model[w][r].frozen_hash() for w in WIDTHS}
        assert h[64] == hash(real), (h[64], hash(real))
        self.emit("hash", r, h[64], h[32])


# ---- random scenarios ----

def element_source(rng):
    """A function drawing elements, with a distribution chosen for this case."""
    kind = rng.choice(["small", "small", "mult8", "mult64", "wide", "wideneg", "huge", "minus",
                       "high", "highneg", "mixed", "mixed"])
    small = lambda: rng.randint(-12, 70)
    gens = {
        "small": small,
        "mult8": lambda: rng.randint(0, 40) * 8 + rng.choice([0, 0, 0, 1]),
        "mult64": lambda: rng.randint(-20, 30) * 64,
        "wide": lambda: rng.randint(0, M31 - 1),
        "wideneg": lambda: rng.randint(-(M31 - 1), M31 - 1),
        "huge": lambda: rng.choice([1, -1]) * (rng.randint(1, 3) * Q + rng.randint(0, 40))
        if rng.random() < 0.5 else small(),
        "minus": lambda: rng.choice([-1, -2, -3, 1, 2, 3, -9, 9, -17, 17]),
        "high": lambda: rng.randint(0, (1 << 14) - 1) << 17,
        "highneg": lambda: -(rng.randint(0, (1 << 14) - 1) << 17) + rng.choice([0, 0, -1]),
    }
    if kind == "mixed":
        parts = [gens[k] for k in ("small", "mult64", "wideneg", "huge", "minus", "highneg")]
        return lambda: rng.choice(parts)()
    return gens[kind]


def size(rng):
    if rng.random() < 0.03:
        return rng.randint(100, 300)
    return rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40, rng.randint(0, 60)])


def random_case(sc, rng):
    draw = element_source(rng)
    names = ["a", "b", "c", "d"]
    sets = []

    def fresh(n=None):
        return [draw() for _ in range(size(rng) if n is None else n)]

    # two to four starting registers: sets, frozensets, sometimes a list or dict source
    for r in names[: rng.randint(2, 4)]:
        how = rng.random()
        src = "z"
        if how < 0.6:
            sc.make_list(src, fresh())
        elif how < 0.8:
            sc.make_dict(src, fresh())
        else:
            sc.make_range(src, rng.randint(-40, 40), rng.randint(-40, 120), rng.choice([1, 2, 3, 7]))
        sc.make_set(r, src, frozen=rng.random() < 0.25)
        sets.append(r)

    def mutable():
        return [r for r in sets if isinstance(sc.real[r], set)]

    def other(slot="y"):
        """An argument: a set register, or a fresh list/dict/range in slot."""
        p = rng.random()
        if p < 0.6:
            return rng.choice(sets)
        if p < 0.8:
            sc.make_list(slot, fresh())
        elif p < 0.95:
            sc.make_dict(slot, fresh())
        else:
            sc.make_range(slot, rng.randint(-30, 30), rng.randint(-30, 90), rng.choice([1, 2, 5]))
        return slot

    for _ in range(rng.randint(4, 16)):
        muts = mutable()
        p = rng.random()
        if muts and p < 0.22:
            r = rng.choice(muts)
            for _ in range(rng.randint(1, 6)):
                sc.call(None, r, "add", draw())
        elif muts and p < 0.32:
            r = rng.choice(muts)
            present = list(sc.real[r])
            if present and rng.random() < 0.5:
                sc.call(None, r, "remove", rng.choice(present))
            else:
                sc.call(None, r, "discard", rng.choice(present + [draw()]) if present else draw())
        elif muts and p < 0.42:
            r = rng.choice(muts)
            for _ in range(rng.randint(1, 4)):
                if sc.real[r]:
                    sc.call("v", r, "pop")
        elif muts and p < 0.55:
            r = rng.choice(muts)
            method = rng.choice(["update", "update", "intersection_update", "difference_update",
                                 "symmetric_difference_update"])
            if method == "symmetric_difference_update":
                sc.call(None, r, method, other())
            else:
                sc.call(None, r, method, *[other(slot) if rng.random() < 0.8 else r
                                           for slot in "xy"[: rng.choice([1, 1, 2])]])
        elif p < 0.68:
            a = rng.choice(sets)
            dst = rng.choice(names)
            method = rng.choice(["union", "intersection", "difference", "symmetric_difference",
                                 "copy"])
            if method == "copy":
                sc.call(dst, a, "copy")
            elif method == "symmetric_difference":
                sc.call(dst, a, method, other())
            else:
                args = [other(slot) for slot in "xy"[: rng.choice([0, 1, 1, 1, 2])]]
                if rng.random() < 0.15:
                    args.append(a)
                sc.call(dst, a, method, *args)
            if dst not in sets:
                sets.append(dst)
        elif p < 0.82:
            a, b = rng.choice(sets), rng.choice(sets)
            name = rng.choice(["or", "and", "sub", "xor"])
            if isinstance(sc.real[a], set) and rng.random() < 0.5:
                sc.op(a, a, "i" + name, b)
            else:
                dst = rng.choice(names)
                sc.op(dst, a, name, b)
                if dst not in sets:
                    sets.append(dst)
        elif p < 0.87:
            r = rng.choice(sets)
            dst = rng.choice(names)
            sc.make_set(dst, r, frozen=rng.random() < 0.5)
            if dst not in sets:
                sets.append(dst)
        elif muts and p < 0.89:
            sc.call(None, rng.choice(muts), "clear")
        elif p < 0.95:
            a = rng.choice(sets)
            sc.check_cmp(a, rng.choice(sets))
            sc.call("v", a, rng.choice(["isdisjoint", "issubset", "issuperset"]), other())
            for _ in range(3):
                pool = list(sc.real[a])
                sc.check_in(a, rng.choice(pool) if pool and rng.random() < 0.5 else draw())
        else:
            sc.check_hash(rng.choice(sets))
    for r in sets:
        sc.check(r, force=True)
    sc.check_hash(rng.choice(sets))


def big_case(sc, rng, negative):
    """Past the 50000-element threshold where growth switches from x4 to x2."""
    if negative:
        sc.make_range("z", -(M31 - 1), 0, 35791)
    else:
        sc.make_range("z", 7, M31 - 1, 35791)
    sc.make_set("a", "z")
    sc.make_range("y", 0, 30000, 3)
    sc.call(None, "a", "update", "y")
    sc.check("a", force=True)
    for _ in range(5):
        sc.call("v", "a", "pop")
    sc.make_range("y", 0, 30000, 9)
    sc.call(None, "a", "difference_update", "y")
    sc.check("a", force=True)
    sc.make_list("y", [rng.randint(-(M31 - 1), M31 - 1) for _ in range(200)])
    sc.call(None, "a", "symmetric_difference_update", "y")
    sc.check("a", force=True)
    sc.make_set("b", "a", frozen=True)
    for _ in range(40):
        sc.call("v", "a", "pop")
    sc.op("c", "b", "sub", "a")
    sc.check("c", force=True)
    sc.op("a", "a", "ior", "c")
    sc.check("a", force=True)
    sc.check_hash("a")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=3120)
    ap.add_argument("--cases", type=int, default=360)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "tests",
                                                  "data", "set_cases.txt"))
    opts = ap.parse_args()
    if sys.version_info[:2] != (3, 12) or sys.maxsize != (1 << 63) - 1:
        sys.exit("run with a 64-bit CPython 3.12 (PYENV_VERSION=3.12.1 python3.12)")
    for x in (1, -1, -2, M31 - 1, -(M31 - 1), Q + 5, -(2 * Q + 7), 1 << 40):
        assert int_hash(x, 64) == hash(x)
    rng = random.Random(opts.seed)
    lines = [f"# Generated by tools/gen_set_cases.py --seed {opts.seed} --cases {opts.cases}"
             " from CPython 3.12; do not edit."]
    for n in range(opts.cases):
        sc = Scenario(lines, rng)
        lines.append(f"case {n}")
        if n in (opts.cases // 3, 2 * opts.cases // 3):
            big_case(sc, rng, negative=n != opts.cases // 3)
        else:
            random_case(sc, rng)
        lines.append("end")
    differ = sum(1 for line in lines if line.startswith("=32"))
    with open(opts.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{opts.cases} cases, {len(lines)} lines, {differ} width-specific orders -> {opts.out}")


if __name__ == "__main__":
    main()
