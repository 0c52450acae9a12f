# filter() and map() are lazy iterators.
print(list(filter(None, [0, 1, '', 'a', [], [0]])))
print(list(filter(lambda v: v % 2, range(10))))
print(list(map(str, [1, 2, 3])), list(map(pow, [2, 3], [3, 2])))
print(list(map(lambda a, b, c: a + b + c, 'ab', 'cd', 'efg')))
calls = []
def rec(v):
    calls.append(v)
    return v * 10
m = map(rec, [1, 2, 3])
print(calls, next(m), calls)
print(list(m), calls)
f = filter(str.isdigit, 'a1b2')
print(next(f), list(f))
try:
    map(len)
except TypeError as e:
    print('TypeError', e)
try:
    list(map(len, [1]))
except TypeError as e:
    print('TypeError', e)
