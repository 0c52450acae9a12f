# gc.collect() returns how many unreachable objects it found.
import gc
gc.collect()
l = []
l.append(l)
del l
print(gc.collect())
a = {}
b = {'a': a}
a['b'] = b
del a, b
print(gc.collect())
def f():
    pass
f.self = f
del f
print(gc.collect())
print(gc.collect())
