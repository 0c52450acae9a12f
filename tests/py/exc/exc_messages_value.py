# ValueError messages of conversions and methods.
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: int('abc'))
t(lambda: int('12', 2))
t(lambda: int(''))
t(lambda: int('1.5'))
t(lambda: int('10', 1))
t(lambda: float('x'))
t(lambda: float(''))
t(lambda: [1, 2].index(3))
t(lambda: (1, 2).index(3))
t(lambda: 'abc'.index('z'))
t(lambda: [].remove(1))
t(lambda: 'a,b'.split(''))
t(lambda: chr(-1))
t(lambda: chr(0x110000))
t(lambda: range(1, 2, 0))
t(lambda: max([]))
t(lambda: min([]))
t(lambda: 'abc'.center(10, 'xy'))
