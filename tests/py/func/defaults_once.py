# Default values are evaluated once, when def runs.
def m(x):
    print('default evaluated', x)
    return x
def f(a=m(1), b=m([])):
    b.append(a)
    return b
print('defined')
print(f(), f(), f(2, []))
n = 5
def g(v=n):
    return v
n = 6
print(g())
def h(a, b=2, *, c=m('kw')):
    return a, b, c
print(h(0), h(0, c=3))
print(f.__defaults__[0], h.__kwdefaults__)
