# ascii() and repr() of built-in values.
vals = [1, -2.5, 'é', 'a\nb', b'\xff', [1, 'x'], (1,), {'k': 'v'}, None, True,
        range(3), range(1, 10, 2), {1}, frozenset(), set(), 1e100, float('nan'), ()]
for v in vals:
    print(repr(v), ascii(v))
print(repr(repr), repr(len) == '<built-in function len>')
print(ascii('😀\u2028\x00'))
print(repr([[], [[]], {'a': [()]}]))
