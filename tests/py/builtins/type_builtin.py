# type() of every built-in value, and type names.
vals = [1, 1.0, True, 'a', b'b', [], (), {}, set(), frozenset(), None, range(1), slice(1),
        len, print, lambda: 0, ValueError(), ValueError, type, iter([]), map(str, []), zip(), enumerate([])]
for v in vals:
    print(type(v).__name__)
print(type(1) is int, type(type) is type, type(None)() is None, type('')('x'))
import sys
print(type(sys).__name__)
try:
    type()
except TypeError as e:
    print('TypeError', e)
