# sum() with start, over ints, floats, big ints and lists.
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([0.1] * 10), sum([1, 2.5]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([1, 2], 10), sum([1], start=5))
print(sum([2 ** 64, 2 ** 64]), sum([True, True, False]), sum([x * x for x in range(4)]))
print(sum([1e100, 1.0, -1e100]), sum([0.5, 0.25], 0.125))
for bad in ((['a', 'b'], ''), ([1, 'a'],), (5,)):
    try:
        sum(*bad)
    except TypeError as e:
        print('TypeError', e)
