# gc.enable/disable/isenabled, thresholds round-trip, get_count's shape.
import gc
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
old = gc.get_threshold()
gc.set_threshold(100, 5, 5)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold() == old, len(old))
c = gc.get_count()
print(type(c).__name__, len(c), all([type(v) is int for v in c]))
print(type(gc.collect()).__name__)
try:
    gc.set_threshold()
except TypeError as e:
    print('TypeError', e)
