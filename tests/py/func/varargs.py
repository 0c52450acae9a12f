# *args and **kwargs collect the extra arguments.
def f(*args):
    return args
def g(**kwargs):
    return kwargs
def h(a, *args, b=0, **kwargs):
    return a, args, b, kwargs
print(f(), f(1), f(1, 2, 3), type(f()).__name__)
print(g(), g(x=1, y=2), type(g()).__name__)
print(h(1, 2, 3, b=4, c=5, d=6))
print(h(*range(3), **{'b': 9, 'z': 0}))
def pass_on(*a, **k):
    return h(*a, **k)
print(pass_on(1, b=2))
kw = {'a': 1}
print(g(**kw) is kw, g(**kw) == kw)
