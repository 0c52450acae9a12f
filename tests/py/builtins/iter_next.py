# iter() and next(), with a default, and exhaustion.
it = iter([1, 2])
print(next(it), next(it), next(it, 'done'), next(it, None))
try:
    next(it)
except StopIteration as e:
    print('StopIteration', repr(e))
s = iter('ab')
print(iter(s) is s, list(s), list(s))
d = iter({'x': 1, 'y': 2})
print(next(d), list(d))
r = iter(range(3))
print(next(r), list(r))
count = [0]
def source():
    count[0] += 1
    return count[0]
print(list(iter(source, 4)))
t = iter((1,))
print(type(t).__name__, type(iter([])).__name__)
