# Iterating over a non-iterable, and mutating a dict while iterating.
def t(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
def loop(v):
    for _ in v:
        pass
t(lambda: loop(5))
t(lambda: loop(None))
t(lambda: loop(3.5))
def grow():
    d = {1: 1}
    for k in d:
        d[k + 1] = 1
t(grow)
def shrink():
    s = {1, 2}
    for k in s:
        s.discard(k)
t(shrink)
