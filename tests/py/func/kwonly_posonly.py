# Keyword-only after * and positional-only before /.
def f(a, b, /, c, d=4, *, e, f=6):
    return (a, b, c, d, e, f)
print(f(1, 2, 3, e=5))
print(f(1, 2, c=3, d=0, e=5, f=0))
def g(a, /, **kw):
    return a, kw
print(g(1, a=2, b=3))
def h(*, a, b=2):
    return a, b
print(h(a=1), h(b=0, a=1))
def t(fn):
    try:
        print(fn())
    except TypeError as e:
        print('TypeError', e)
t(lambda: f(1, 2, 3))
t(lambda: f(1, 2, 3, 4, 5))
t(lambda: f(1, b=2, c=3, e=5))
t(lambda: h(1))
t(lambda: h())
def many(a, b, c, /):
    pass
t(lambda: many(a=1, b=2, c=3))
