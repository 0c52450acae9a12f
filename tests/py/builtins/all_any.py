# all() and any() short-circuit over any iterable.
print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, '']), any([0, 'x']))
print(all('abc'), any(range(0)), all(range(1, 5)), any({0: 1}))
seen = []
def pred(v):
    seen.append(v)
    return v > 2
print(any(map(pred, [1, 3, 5])), seen)
seen.clear()
print(all(map(pred, [3, 1, 5])), seen)
try:
    all(5)
except TypeError as e:
    print('TypeError', e)
