# Tuple, list, set and dict displays, with * and ** unpacking.
a = [1, 2]
print((), (1,), (1, 2), [], [1], [*a, 3], (*a,), (0, *a, *a))
print({1}, {*a, 2, 3} == {1, 2, 3}, sorted({*'aab'}))
print({}, {'a': 1}, {**{'a': 1}, 'b': 2}, {'a': 1, **{'a': 2}})
print({'k': 1, 'k': 2}, {1: 'a', 1.0: 'b', True: 'c'})
print([*range(3), *'xy'], (*[],), [*()])
d = {'x': 1, 'y': 2}
print({**d, 'z': 3}, {'z': 0, **d})
print(type(()).__name__, type({}).__name__, type(set()).__name__)
print([[]] * 3, [1, 2] * 2, (1,) * 3, 2 * [0])
x = 1, 2, 3
print(x, type(x).__name__)
