# repr() and str() differ for strings, agree for most others.
for v in ('text', "it's", 1, 1.0, None, [1, 'a'], ('x',), {'k': 'v'}, {1}, b'b', True, -0.0, 1e16):
    print(repr(v), str(v))
print(str(), str(123), str(b'x'), str([]), str(1.5e-7), str(10 ** 20))
print(str(b'abc', 'ascii'), str(b'\xc3\xa9', encoding='utf-8'))
print(repr('\t\\'), str('\t\\'))
print(repr(float('inf')), repr(-float('inf')), repr(float('nan')))
