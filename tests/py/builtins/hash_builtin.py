# hash(): equal values hash equal; small values hash to themselves.
print(hash(0), hash(1), hash(-1), hash(-2), hash(100), hash(True), hash(False))
print(hash(1) == hash(1.0) == hash(True), hash(0.5) == hash(0.5), hash(2.0) == 2)
print(hash('abc') == hash('ab' + 'c'), hash(b'x') == hash(b'x'), hash(()) == hash(()))
print(hash((1, 2)) == hash((1, 2)), hash(None) == hash(None))
print(hash(float('inf')), hash(float('-inf')), hash(0.0), hash(-0.0))
for bad in ([], {}, set(), ([],)):
    try:
        hash(bad)
    except TypeError as e:
        print('TypeError', e)
