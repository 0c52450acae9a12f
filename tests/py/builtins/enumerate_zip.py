# enumerate() with start, zip() of several iterables, strict=.
print(list(enumerate('abc')), list(enumerate('ab', 1)), list(enumerate([], 5)))
print(list(enumerate('xy', start=-1)))
print(list(zip()), list(zip('ab')), list(zip('abc', [1, 2], (True, False, None))))
print(dict(zip(range(3), 'xyz')))
a, b = zip(*[(1, 'a'), (2, 'b')])
print(a, b)
print(list(zip('ab', 'xy', strict=True)))
try:
    list(zip('abc', 'xy', strict=True))
except ValueError as e:
    print('ValueError', e)
try:
    list(zip('ab', 'xyz', strict=True))
except ValueError as e:
    print('ValueError', e)
e = enumerate('ab')
print(next(e), next(e))
try:
    next(e)
except StopIteration:
    print('StopIteration')
try:
    zip(1)
except TypeError as err:
    print('TypeError', err)
