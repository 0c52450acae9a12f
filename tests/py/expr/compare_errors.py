# Ordering comparisons of unrelated types raise TypeError.
def t(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
t(lambda: 1 < 'a')
t(lambda: 'a' >= 1)
t(lambda: [] < ())
t(lambda: None < None)
t(lambda: {} < {})
t(lambda: 1.5 > 'x')
t(lambda: [1, 'a'] < [1, 2])
t(lambda: {1} < {1, 2})
t(lambda: 1 == 'a')
t(lambda: (1, 2) <= (1, None))
