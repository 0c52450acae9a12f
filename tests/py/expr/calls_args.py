# Calls with positional, keyword, default, keyword-only and positional-only parameters.
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(a=1, c=3, d=0, z=9))
def g(a, b, /, c, *, d):
    return a, b, c, d
print(g(1, 2, 3, d=4), g(1, 2, c=3, d=4))
def h(x, y=[]):
    y.append(x)
    return y
print(h(1), h(2), h(3, []))
def k(*, only):
    return only
print(k(only='kw'))
def p(a, /, **kw):
    return a, kw
print(p(1, a=2))
