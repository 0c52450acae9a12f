# len() of every sized built-in.
print(len(''), len('héllo'), len('😀'), len(b'\x00\x01'), len([1, [2, 3]]), len((1,)))
print(len({}), len({1: 2, 3: 4}), len(set('aab')), len(frozenset()), len(range(10)))
print(len(range(0, 10, 3)), len(range(10, 0)), len(range(10, 0, -3)), len(range(-5, 5)))
print(len(dict.fromkeys(range(100))), len([None] * 1000), len('ab' * 50))
for bad in (5, None, 1.5, len):
    try:
        len(bad)
    except TypeError as e:
        print('TypeError', e)
