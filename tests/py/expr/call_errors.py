# Argument binding errors and their messages.
def f(a, b):
    pass
def g(a, /, b, *, c):
    pass
def h(x=1):
    pass
def t(fn):
    try:
        fn()
    except TypeError as e:
        print('TypeError', e)
t(lambda: f(1))
t(lambda: f())
t(lambda: f(1, 2, 3))
t(lambda: f(1, a=1))
t(lambda: f(1, 2, z=3))
t(lambda: g(a=1, b=2, c=3))
t(lambda: g(1, 2, 3))
t(lambda: g(1, 2))
t(lambda: h(1, 2))
t(lambda: h(y=1))
t(lambda: f(*1))
t(lambda: f(**1))
t(lambda: f(**{1: 2}))
t(lambda: f(1, **{'a': 2}))
t(lambda: (lambda: 0)(1))
one, abc = 1, 'abc'
t(lambda: one())
t(lambda: abc())
