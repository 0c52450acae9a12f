# range(): bounds, negative steps, membership, slicing, equality.
print(list(range(5)), list(range(2, 5)), list(range(0, 10, 3)), list(range(5, 0, -2)))
print(list(range(0)), list(range(3, 3)), list(range(5, 1)), list(range(-3, 3)))
r = range(10, 100, 7)
print(r, len(r), r[0], r[-1], r[3:5], r.index(24), r.count(24), 24 in r, 25 in r)
print(range(3) == range(0, 3), range(0) == range(5, 1), range(1, 10, 2) == range(1, 11, 2))
print(range(10**20)[-1], 10**20 - 1 in range(10**20), range(0, 10**20, 3)[5])
print(reversed(range(3)).__class__.__name__, list(reversed(range(1, 8, 3))))
print(repr(range(1, 2, 1)), str(range(5)))
for args in ((1.5,), ('a',), (1, 2, 0)):
    try:
        range(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    range(3).index(5)
except ValueError as e:
    print('ValueError', e)
