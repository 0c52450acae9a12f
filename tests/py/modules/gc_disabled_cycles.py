# With the collector disabled, cycles survive until an explicit collect().
import gc
gc.disable()
gc.collect()
for i in range(1000):
    x = [i]
    x.append(x)
del x
n = gc.collect()
print(n)
gc.enable()
print(gc.collect())
