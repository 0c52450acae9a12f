# Attribute access on built-in objects.
print('abc'.upper(), [3, 1, 2].index(2), (1, 2, 1).count(1))
print((5).bit_length(), (2.5).is_integer(), 1.5.as_integer_ratio())
print({'a': 1}.get('a'), {'a': 1}.get('b', 'no'))
print(int.__name__, str.__name__, type(None).__name__)
m = 'x y z'.split
print(m(), m(' ', 1))
def t(f):
    try:
        print(f())
    except AttributeError as e:
        print('AttributeError', e)
t(lambda: (1).foo)
t(lambda: 'abc'.uper)
t(lambda: [].apend)
t(lambda: None.x)
t(lambda: {}.itms)
t(lambda: (1, 2).appendd)
