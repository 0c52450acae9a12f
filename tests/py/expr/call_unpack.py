# f(*a, **d) with several unpackings mixed with plain arguments.
def f(*args, **kw):
    return args, sorted(kw.items())
a = [1, 2]
t = (3,)
d = {'x': 1}
e = {'y': 2}
print(f(*a))
print(f(*a, *t, 0))
print(f(0, *a, 9, *t))
print(f(**d))
print(f(**d, **e, z=3))
print(f(*a, k=1, **d))
print(f(*'ab', *range(2)))
print(f(*{'k': 1}))
def g(a, b, c):
    return a * 100 + b * 10 + c
print(g(*[1, 2, 3]), g(1, *[2, 3]), g(**{'c': 3, 'b': 2, 'a': 1}))
print(g(*(1,), **{'b': 2, 'c': 3}))
