# Index and key errors with their messages.
lst, st, tup, five, none, aset = [1], 'a', (1,), 5, None, {1}
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: [1, 2][5])
t(lambda: [1, 2][-3])
t(lambda: (1,)[1])
t(lambda: 'ab'[2])
t(lambda: b'ab'[2])
t(lambda: range(3)[3])
t(lambda: {'a': 1}['b'])
t(lambda: {}[(1, 2)])
t(lambda: {}[1.5])
t(lambda: lst['a'])
t(lambda: st[1.0])
t(lambda: tup[None])
t(lambda: five[0])
t(lambda: none[0])
t(lambda: {}[[]])
t(lambda: aset[0])
t(lambda: len[0])
