# reversed() of sequences; not of iterators or sets.
print(list(reversed([1, 2, 3])), list(reversed('abc')), list(reversed((1,))), list(reversed(range(4))))
print(list(reversed({'a': 1, 'b': 2})), list(reversed([])))
r = reversed([1, 2])
print(next(r), next(r), next(r, 'end'))
for bad in ({1, 2}, iter([1]), 5):
    try:
        reversed(bad)
    except TypeError as e:
        print('TypeError', e)
