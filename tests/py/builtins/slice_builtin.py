# slice objects and their attributes.
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None), slice(1, 2))
print([0, 1, 2, 3, 4, 5, 6][s], 'abcdefghijk'[s])
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3))
print(repr(slice('a', None, [1])))
try:
    slice()
except TypeError as e:
    print('TypeError', e)
try:
    slice(1, 2, 0).indices(3)
except ValueError as e:
    print('ValueError', e)
