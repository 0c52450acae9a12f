# frozenset(): immutable and hashable.
f = frozenset([3, 1, 2, 1])
print(sorted(f), len(f), 2 in f, 9 in f, type(f).__name__)
print(frozenset(), frozenset() == set(), frozenset([1]) == {1})
print(sorted(f | {9}), sorted(f & {1, 5}), sorted(f - {1}), sorted(f ^ {1, 4}))
print(type(f | {9}).__name__, type({9} | f).__name__)
d = {frozenset([1, 2]): 'key'}
print(d[frozenset([2, 1])])
print(f.issubset({1, 2, 3, 4}), f.issuperset([1]), f.isdisjoint([7]))
try:
    f.add(4)
except AttributeError as e:
    print('AttributeError', e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
