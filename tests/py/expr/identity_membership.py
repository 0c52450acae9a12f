# is / is not / in / not in.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a is not c, a == c)
print(None is None, True is True)
print(1 in [1, 2], 3 in [1, 2], 3 not in [1, 2])
print('ab' in 'cabd', '' in 'x', 'x' not in 'abc')
print(1 in {1: 'a'}, 'a' in {1: 'a'}, 2 in {1, 2}, 2 in (1, 2))
print(b'b' in b'abc', 98 in b'abc', 5 in range(10), 10 in range(10))
print(2 in range(0, 10, 2), 3 in range(0, 10, 2))
try:
    print(1 in 5)
except TypeError as e:
    print('TypeError', e)
try:
    print(1 in 'abc')
except TypeError as e:
    print('TypeError', e)
