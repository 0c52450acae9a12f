# lambda with every parameter kind.
f = lambda: 42
g = lambda x, y=2: x + y
h = lambda *a, **k: (a, sorted(k.items()))
k = lambda a, /, b, *, c: (a, b, c)
print(f(), g(1), g(1, 10), g(y=5, x=1))
print(h(), h(1, 2, z=3, a=4))
print(k(1, 2, c=3), k(1, b=2, c=3))
print((lambda x: lambda y: x * y)(3)(4))
print(sorted([3, -1, 2], key=lambda v: abs(v)))
print(f.__name__, (lambda: 0).__name__)
adders = [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in adders])
