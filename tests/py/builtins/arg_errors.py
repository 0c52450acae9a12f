# Builtins called with wrong argument counts or keyword arguments.
def t(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
t(lambda: abs(1, 2))
t(lambda: len([], []))
t(lambda: chr())
t(lambda: isinstance(1))
t(lambda: sorted())
t(lambda: sorted([], foo=1))
t(lambda: print(foo=1))
t(lambda: iter())
t(lambda: divmod(1))
t(lambda: round(1, 2, 3))
t(lambda: getattr(1))
t(lambda: zip(foo=1))
t(lambda: max(key=len))
t(lambda: int(x=5))
