# Creating and dropping many reference cycles: the collector reclaims them.
import gc
for i in range(5000):
    a = [i]
    b = [a]
    a.append(b)
def f():
    pass
for i in range(1000):
    d = {}
    d['self'] = d
    f.cycle = d
print('made')
gc.collect()
print(gc.collect())
