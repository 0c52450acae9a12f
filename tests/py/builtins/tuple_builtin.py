# tuple() and tuple operations.
t = tuple([1, 2, 3])
print(t, tuple(), tuple('ab'), tuple(range(3)), tuple({'k': 1}), (1,) + (2,), (0,) * 3)
print(t.index(2), t.count(1), len(t), t[1:], t[::-1], 3 in t, t == (1, 2, 3), t < (1, 2, 4))
print(((1, 2), [3]), tuple(t) is t, hash((1, 2)) == hash((1,) + (2,)))
a, b, c = t
print(a, b, c, max(t), min(t), sum(t), sorted(t, reverse=True))
print(repr((1,)), repr(()), repr(((),)), repr((1, (2, (3,)))))
try:
    t.index(9)
except ValueError as e:
    print('ValueError', e)
try:
    t + [4]
except TypeError as e:
    print('TypeError', e)
