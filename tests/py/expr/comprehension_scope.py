# PEP 709: comprehensions are inlined but their iteration variable stays private.
x = 'outer'
print([x for x in range(3)], x)
def f():
    y = 10
    return [y + i for i in range(3)]
print(f())
def g():
    fns = [lambda: i for i in range(3)]
    return [fn() for fn in fns]
print(g())
def h():
    n = 2
    return {k: [k * n for _ in range(n)] for k in range(3)}
print(h())
i = 'kept'
[i for i in range(5)]
print(i)
print([j for j in range(3)])
try:
    print(j)
except NameError as e:
    print('NameError', e)
