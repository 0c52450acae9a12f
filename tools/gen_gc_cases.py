#!/usr/bin/env python3
"""Generate tests/data/gc_cases.txt: object-graph scenarios with the results
CPython 3.12's collector gives for them, for tests/objects/test_gc.c to replay
on Pyrite's collector.

    PYENV_VERSION=3.12.1 python3.12 tools/gen_gc_cases.py

Each scenario below is written in a small command language; a `?` is a result
to record. The script turns a scenario into a straight-line Python function,
runs it on CPython with automatic collection off (after gc.collect(), which
also empties the free lists), and writes the scenario with every `?`
replaced by what CPython said. The C test runs the same commands on Pyrite's
objects and must get the same values.

Commands (registers are the letters a..z; X is a register or a small int
0..256, which is immortal in both runtimes, so it is no object to count):

    list R / dict R / set R        R = [] / {} / set()
    node R                         R = Node(): an instance of a class with
                                   __slots__ a, b, c, d (hashable by identity;
                                   the C test has a type with four slots)
    tuple R X...                   R = (X, ...), 1, 2 or 4 items
    frozenset R X...               R = frozenset((X, ...)) (makes a temporary)
    iter R X                       R = iter(X)
    ring R N                       R = the first of N lists in a ring
    wide R N                       R = [], then N times R.append([R])
    chain R K N                    N containers of kind K (list, dict, tuple),
                                   each held by the next, R the last: R = [],
                                   then N - 1 times R = [R] (dict: {} and
                                   {0: R}; tuple: (0,) and (R,))
    mov R S / item R S X           R = S / R = S[X]
    append R X / setitem R X Y / add R X / clear R / delitem R X
    call R S NAME X...             R = S.NAME(X, ...): a method of list,
                                   tuple, dict, set or frozenset
    binop R S OP X                 R = S OP X, OP one of + * | & - ^
    slice R S I J                  R = S[I:J]
    make R TYPE X                  R = TYPE(X), TYPE one of list tuple set
                                   frozenset dict (a dict X only)
    slot R I X                     setattr(R, "abcd"[I], X)
    del R                          R = None
    collect G N                    gc.collect(G) == N
    tracked R B / len R N / is R S B
    count C0 C1 C2                 gc.get_count() == (C0, C1, C2), see below
    gen R G                        R is in gc.get_objects(G) (-1: in none)
    freeze / unfreeze
    debug F / garbage N / cleargarbage   gc.set_debug(F), len(gc.garbage),
                                   del gc.garbage[:]

What makes the recorded counts deterministic, and equal to Pyrite's:
- No frames or other hidden GC objects are made: CPython 3.12 keeps frames
  off the GC heap, calls with no *args/**kwargs build no tuples, method calls
  build no bound methods, and tuples come from helpers t1/t2/t4 that do one
  BUILD_TUPLE each. Node() allocates exactly its instance.
- gc.get_count() returns a new 3-tuple, counted as one allocation when it is
  not taken from the tuple free list, and put on the free list (not
  uncounted) when unpacked. Each read is therefore followed by a second one:
  their difference says whether the first made a counted tuple, and the
  script subtracts the tuples it made since the last collection. Scenarios
  have no 3-tuples of their own.
- Neither runtime counts free-list traffic: an object put on a free list is
  not counted down, one taken off it is not counted up; emptying a free list
  counts its objects down. Both empty the free lists on every full collection
  and have the same caps (lists and dicts 80, tuples 2000 of each size 1..20;
  the replay needs a build with these caps), so scenarios may free containers
  and reuse them (the freelist_* cases do).
- Scenarios with `gen` run once more per `gen` query (the query allocates a
  list, which would disturb the counts): the run stops at the query.
"""
import gc
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "gc_cases.txt")

CASES = r"""
case list_self_cycle
list a
append a a
tracked a ?
count ? ? ?
del a
collect 0 ?
count ? ? ?
end

case dict_self_cycle
dict a
tracked a ?
setitem a 1 2
tracked a ?
setitem a 2 a
tracked a ?
count ? ? ?
del a
collect 0 ?
end

case set_cycle_through_node
set a
node b
slot b 0 a
add a b
tracked a ?
tracked b ?
count ? ? ?
del a
del b
collect 0 ?
end

case frozenset_cycle_through_node
node a
frozenset b a 7
slot a 1 b
tracked b ?
del a
del b
collect 2 ?
end

case tuple_cycle_through_list
list a
tuple b a 5
append a b
count ? ? ?
del a
del b
collect 0 ?
count ? ? ?
end

case iterator_cycles
list a
iter b a
append a b
dict c
iter d c
setitem c 1 d
list e
tuple f e 3
iter g f
append e g
count ? ? ?
del a
del b
del c
del d
del e
del f
del g
collect 0 ?
end

case two_cycles_sharing_a_node
list a
list b
list c
append a b
append b a
append b c
append c b
del a
del b
del c
collect 0 ?
end

case ring_of_lists
ring a 1000
count ? ? ?
collect 0 ?
count ? ? ?
gen a ?
del a
collect 0 ?
collect 1 ?
count ? ? ?
end

case reachable_only_through_a_later_object
list a
list b
append a b
append b a
del a
collect 0 ?
len b ?
item a b 0
len a ?
ring c 300
item d c 0
item e d 0
del c
del d
collect 0 ?
len e ?
del e
collect 1 ?
end

case long_ring
ring a 20000
del a
collect 0 ?
end

case wide_siblings
wide a 2000
len a ?
count ? ? ?
del a
collect 2 ?
end

case cycle_hanging_off_live
list a
list b
append b b
append b 7
dict c
setitem c 1 b
setitem c 2 c
append b c
append a b
del b
del c
collect 0 ?
item b a 0
len b ?
item c b 0
is c b ?
item d b 2
len d ?
item e d 2
is e d ?
tracked b ?
tracked d ?
gen b ?
gen d ?
collect 2 ?
len b ?
end

case cycle_pointing_at_live
list a
append a 1
dict d
setitem d 1 a
list b
append b b
append b a
append b d
del b
collect 0 ?
len a ?
tracked a ?
tracked d ?
gen a ?
gen d ?
end

case mixed_generations
list a
append a a
collect 0 ?
gen a ?
count ? ? ?
list b
append b a
append a b
del a
del b
count ? ? ?
collect 0 ?
count ? ? ?
collect 1 ?
count ? ? ?
end

case old_garbage_keeps_young_alive
list x
append x x
collect 1 ?
gen x ?
list y
append y y
append x y
del x
del y
collect 0 ?
collect 1 ?
collect 2 ?
end

case counts_and_promotion
list a
dict b
list c
count ? ? ?
collect 0 ?
count ? ? ?
gen a ?
gen b ?
list d
count ? ? ?
collect 0 ?
count ? ? ?
gen d ?
collect 1 ?
count ? ? ?
gen a ?
gen d ?
list e
collect 1 ?
count ? ? ?
gen e ?
collect 0 ?
collect 0 ?
count ? ? ?
collect 2 ?
count ? ? ?
gen e ?
gen a ?
end

case tuple_untracking
tuple a 1 2
tracked a ?
tuple b a 3
tracked b ?
list c
tuple d c 4
dict e
tuple f e
tuple g 1 2 3 4
node h
tuple i h
tuple j b a
count ? ? ?
collect 0 ?
count ? ? ?
tracked a ?
tracked b ?
tracked d ?
tracked f ?
tracked g ?
tracked i ?
tracked j ?
gen d ?
end

case tuple_untracking_across_generations
list l
tuple a l
collect 0 ?
tracked a ?
tuple b a
tuple x 1 2
tuple y x 9
tracked y ?
collect 0 ?
tracked b ?
tracked x ?
tracked y ?
gen b ?
gen a ?
end

case dict_untracking
dict a
setitem a 1 2
tracked a ?
list l
setitem a 2 l
tracked a ?
setitem a 2 3
tracked a ?
collect 0 ?
tracked a ?
collect 1 ?
tracked a ?
collect 2 ?
tracked a ?
tuple t 1 2
dict b
setitem b 1 t
tracked b ?
collect 0 ?
tracked t ?
tracked b ?
collect 2 ?
tracked b ?
dict c
dict d
setitem d 1 c
tracked d ?
collect 2 ?
tracked d ?
tracked c ?
dict e
tuple k 5 6
setitem e k 1
tracked e ?
collect 2 ?
tracked e ?
dict f
setitem f 1 l
clear f
tracked f ?
collect 2 ?
tracked f ?
end

case set_and_node_tracking
set a
tracked a ?
add a 1
collect 2 ?
tracked a ?
frozenset b 1 2
tracked b ?
collect 2 ?
tracked b ?
node n
tracked n ?
collect 2 ?
tracked n ?
end

case freeze_hides_garbage
list a
append a a
freeze
count ? ? ?
gen a ?
del a
collect 2 ?
unfreeze
collect 2 ?
end

case saveall
debug 32
list a
append a a
list b
dict c
setitem c 1 b
append b c
del a
del b
del c
collect 0 ?
garbage ?
debug 0
cleargarbage
garbage ?
collect 2 ?
garbage ?
end

case freelist_reuse
list a
dict b
tuple c 1 2
tuple d 1 2 3 4
count ? ? ?
del a
del b
del c
del d
count ? ? ?
list e
dict f
tuple g 5 6
count ? ? ?
tuple h 5
list i
count ? ? ?
end

case freelist_caps
chain a list 100
count ? ? ?
del a
count ? ? ?
chain b list 90
count ? ? ?
del b
chain c dict 100
count ? ? ?
del c
chain d dict 85
count ? ? ?
del d
collect 0 ?
chain e tuple 2100
count ? ? ?
del e
count ? ? ?
chain f tuple 2010
count ? ? ?
end

case freelist_emptied_by_full_collections_only
list a
dict b
del a
del b
collect 0 ?
count ? ? ?
list c
dict d
count ? ? ?
collect 2 ?
del c
del d
count ? ? ?
list e
dict f
count ? ? ?
collect 2 ?
del e
del f
collect 2 ?
count ? ? ?
list g
dict h
count ? ? ?
end

case dict_copy_tracking
dict a
setitem a 1 2
setitem a 3 4
list l
setitem a 5 l
setitem a 5 6
tracked a ?
call b a copy
tracked b ?
make c dict a
tracked c ?
dict d
call e d update a
tracked d ?
is e d ?
dict f
setitem f 9 9
call e f update a
tracked f ?
dict g
setitem g 1 2
tracked g ?
call h g copy
tracked h ?
dict i
call j i copy
tracked j ?
setitem a 7 l
call k a copy
tracked k ?
end

case dict_copy_tracking_after_deletions
dict a
setitem a 1 2
setitem a 3 4
setitem a 5 6
list l
setitem a 7 l
setitem a 7 8
delitem a 1
tracked a ?
call b a copy
tracked b ?
make c dict a
tracked c ?
delitem a 3
call d a copy
tracked d ?
make e dict a
tracked e ?
end

case dict_copy_tracking_large
dict a
setitem a 1 1
setitem a 2 2
setitem a 3 3
setitem a 4 4
setitem a 5 5
setitem a 6 6
list l
setitem a 7 l
setitem a 7 7
tracked a ?
call b a copy
tracked b ?
make c dict a
tracked c ?
dict d
call e d update a
tracked d ?
delitem a 1
delitem a 2
delitem a 3
call f a copy
tracked f ?
make g dict a
tracked g ?
end

case list_tracking
list a
append a 1
call b a copy
tracked b ?
binop c a + a
tracked c ?
binop d a * 3
tracked d ?
binop e a * 0
tracked e ?
slice f a 0 1
tracked f ?
slice g a 1 1
tracked g ?
make h list a
tracked h ?
tuple t 1 2
make i list t
tracked i ?
end

case tuple_tracking
tuple a 1 2
tracked a ?
slice b a 0 1
tracked b ?
slice c a 0 2
is c a ?
slice d a 1 1
tracked d ?
binop e a + a
tracked e ?
binop f a * 2
tracked f ?
binop g a * 1
is g a ?
binop h a * 0
tracked h ?
list l
append l 1
make i tuple l
tracked i ?
list m
tuple k m 1
slice n k 0 1
tracked n ?
end

case set_tracking
set a
add a 1
add a 2
tracked a ?
call b a copy
tracked b ?
set c
add c 2
add c 3
binop d a | c
tracked d ?
binop e a & c
tracked e ?
binop f a - c
tracked f ?
binop g a ^ c
tracked g ?
call h a union c
tracked h ?
call i a intersection c
tracked i ?
make j set a
tracked j ?
set k
tracked k ?
frozenset m 1 2
tracked m ?
call n m copy
is n m ?
make o frozenset m
is o m ?
make p frozenset a
tracked p ?
binop q m | c
tracked q ?
call r m union c
tracked r ?
call s m difference c
tracked s ?
binop t m & c
tracked t ?
list l
make u frozenset l
tracked u ?
make v set l
tracked v ?
end

case garbage_referencing_young_and_old
list o
collect 2 ?
list p
append p o
append o 5
dict q
setitem q 1 p
setitem q 2 q
append p q
del p
del q
collect 0 ?
len o ?
collect 2 ?
len o ?
gen o ?
end
"""

HELPERS = '''
class Node:
    __slots__ = ("a", "b", "c", "d")

def t1(a):
    return (a,)

def t2(a, b):
    return (a, b)

def t4(a, b, c, d):
    return (a, b, c, d)
'''


def arg(x):
    if x.isalpha() and len(x) == 1:
        return "r_" + x
    v = int(x)
    assert 0 <= v <= 256, x
    return str(v)


def compile_case(name, cmds, stop_at=None):
    """Python source of a function running cmds (a list of token lists); every
    result goes to the returned list. stop_at: index of the gen query to run
    (the function returns right after it); other gen queries are skipped."""
    regs = " = ".join("r_" + chr(c) for c in range(ord("a"), ord("z") + 1))
    # out exists before the collection that starts the counts.
    body = [f"{regs} = None", "out = []", "gc.collect()"]
    k = 0

    def val(expr):
        nonlocal k
        body.append(f"v{k} = {expr}")
        body.append(f"out.append(v{k})")
        k += 1

    for i, c in enumerate(cmds):
        op, a = c[0], c[1:]
        if op in ("list", "dict", "set", "node"):
            body.append(f"{arg(a[0])} = " + {"list": "[]", "dict": "{}", "set": "set()",
                                              "node": "Node()"}[op])
        elif op == "tuple":
            assert len(a) - 1 in (1, 2, 4), c
            body.append(f"{arg(a[0])} = t{len(a) - 1}({', '.join(map(arg, a[1:]))})")
        elif op == "frozenset":
            body.append(f"{arg(a[0])} = frozenset(({', '.join(map(arg, a[1:]))},))")
        elif op == "iter":
            body.append(f"{arg(a[0])} = iter({arg(a[1])})")
        elif op == "ring":
            r, n = arg(a[0]), int(a[1])
            body += [f"{r} = []", f"_p = {r}", f"for _ in range({n - 1}):", "    _q = []",
                     "    _p.append(_q)", "    _p = _q", f"_p.append({r})", "_p = _q = None"]
        elif op == "wide":
            r, n = arg(a[0]), int(a[1])
            body += [f"{r} = []", f"for _ in range({n}):", f"    {r}.append([{r}])"]
        elif op == "chain":
            r, n = arg(a[0]), int(a[2])
            first, then = {"list": ("[]", f"[{r}]"), "dict": ("{}", f"{{0: {r}}}"),
                           "tuple": ("t1(0)", f"t1({r})")}[a[1]]
            body += [f"{r} = {first}", f"for _ in range({n - 1}):", f"    {r} = {then}"]
        elif op == "mov":
            body.append(f"{arg(a[0])} = {arg(a[1])}")
        elif op == "item":
            body.append(f"{arg(a[0])} = {arg(a[1])}[{arg(a[2])}]")
        elif op == "append" or op == "add":
            body.append(f"{arg(a[0])}.{op}({arg(a[1])})")
        elif op == "setitem":
            body.append(f"{arg(a[0])}[{arg(a[1])}] = {arg(a[2])}")
        elif op == "clear":
            body.append(f"{arg(a[0])}.clear()")
        elif op == "delitem":
            body.append(f"del {arg(a[0])}[{arg(a[1])}]")
        elif op == "call":
            body.append(f"{arg(a[0])} = {arg(a[1])}.{a[2]}({', '.join(map(arg, a[3:]))})")
        elif op == "binop":
            assert a[2] in ("+", "*", "|", "&", "-", "^"), c
            body.append(f"{arg(a[0])} = {arg(a[1])} {a[2]} {arg(a[3])}")
        elif op == "slice":
            body.append(f"{arg(a[0])} = {arg(a[1])}[{arg(a[2])}:{arg(a[3])}]")
        elif op == "make":
            assert a[1] in ("list", "tuple", "set", "frozenset", "dict"), c
            body.append(f"{arg(a[0])} = {a[1]}({arg(a[2])})")
        elif op == "slot":
            body.append(f"{arg(a[0])}.{'abcd'[int(a[1])]} = {arg(a[2])}")
        elif op == "del":
            body.append(f"{arg(a[0])} = None")
        elif op == "collect":
            val(f"gc.collect({int(a[0])})")
        elif op == "tracked":
            val(f"1 if gc.is_tracked({arg(a[0])}) else 0")
        elif op == "len":
            val(f"len({arg(a[0])})")
        elif op == "is":
            val(f"1 if {arg(a[0])} is {arg(a[1])} else 0")
        elif op == "count":
            # Read twice: see the module docstring.
            body.append(f"c{k}_0, c{k}_1, c{k}_2 = gc.get_count()")
            body.append(f"d{k}_0, d{k}_1, d{k}_2 = gc.get_count()")
            body += [f"out.append({v}{k}_{j})" for v in "cd" for j in range(3)]
            k += 1
        elif op == "gen":
            if stop_at == i:
                body += ["_g = -1", "for _i in (0, 1, 2):", "    for _o in gc.get_objects(_i):",
                         f"        if _o is {arg(a[0])}:", "            _g = _i", "_o = None",
                         "return _g"]
                break
        elif op == "freeze" or op == "unfreeze":
            body.append(f"gc.{op}()")
        elif op == "debug":
            body.append(f"gc.set_debug({int(a[0])})")
        elif op == "garbage":
            val("len(gc.garbage)")
        elif op == "cleargarbage":
            body.append("del gc.garbage[:]")
        else:
            sys.exit(f"{name}: unknown command {c}")
    body.append("return out")
    return "def run(gc, Node, t1, t2, t4):\n" + "".join("    " + ln + "\n" for ln in body)


def run_source(src, env):
    ns = {}
    exec(src, env, ns)
    try:
        return ns["run"](gc, env["Node"], env["t1"], env["t2"], env["t4"])
    finally:
        gc.unfreeze()
        gc.set_debug(0)
        del gc.garbage[:]
        gc.collect()


def parse(text):
    cases, cur = [], None
    for line in text.strip().splitlines():
        t = line.split()
        if not t:
            continue
        if t[0] == "case":
            cur = (t[1], [])
        elif t[0] == "end":
            cases.append(cur)
            cur = None
        else:
            cur[1].append(t)
    return cases


def record(name, cmds, env):
    src = compile_case(name, cmds)
    results = run_source(src, env)
    again = run_source(src, env)
    if results != again:
        sys.exit(f"{name}: CPython gave different results on two runs")
    values = iter(results)
    out, acc = [], 0
    for i, c in enumerate(cmds):
        op = c[0]
        if op in ("collect", "tracked", "len", "is", "garbage"):
            c = c[:-1] + [str(next(values))]
        elif op == "count":
            c0, c1, c2, d0, d1, d2 = (next(values) for _ in range(6))
            if (d1, d2) != (c1, c2) or d0 - c0 not in (0, 1):
                sys.exit(f"{name}: unexpected get_count pair {(c0, c1, c2)} {(d0, d1, d2)}")
            c = ["count", str(c0 - acc), str(c1), str(c2)]
            acc += d0 - c0
        elif op == "gen":
            g = run_source(compile_case(name, cmds, stop_at=i), env)
            c = c[:-1] + [str(g)]
        if op in ("collect", "freeze"):
            acc = 0  # the counts start again: the reads' tuples are forgotten
        out.append(c)
    return out


def main():
    if sys.version_info[:2] != (3, 12):
        sys.exit("run with CPython 3.12: PYENV_VERSION=3.12.1 python3.12 tools/gen_gc_cases.py")
    env = {}
    exec(HELPERS, env)
    gc.disable()
    lines = ["# Generated by tools/gen_gc_cases.py from CPython %s; do not edit." %
             sys.version.split()[0]]
    for name, cmds in parse(CASES):
        lines.append(f"case {name}")
        lines += [" ".join(c) for c in record(name, cmds, env)]
        lines.append("end")
    gc.enable()
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {OUT}: {len(parse(CASES))} cases")


if __name__ == "__main__":
    main()
