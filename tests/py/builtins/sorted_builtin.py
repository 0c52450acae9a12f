# sorted(): key=, reverse=, stability, any iterable.
print(sorted([3, 1, 2]), sorted('bca'), sorted((2, 1)), sorted({3: 'a', 1: 'b'}), sorted([]))
print(sorted([3, 1, 2], reverse=True), sorted(['b', 'A', 'c'], key=str.lower))
data = [('b', 2), ('a', 2), ('c', 1), ('d', 1)]
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
print(sorted([1.5, 1, True, 0, -2]), sorted(['aa', 'b', 'ccc'], key=len, reverse=True))
print(sorted(range(10), key=lambda v: v % 3))
try:
    sorted([1, 2], lambda v: v)
except TypeError as e:
    print('TypeError', e)
try:
    sorted([None, 1])
except TypeError as e:
    print('TypeError', e)
