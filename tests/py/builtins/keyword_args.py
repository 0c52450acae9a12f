# Builtins that take keyword arguments, and those that refuse them.
print(int('ff', base=16), round(2.675, ndigits=2), round(number=7.5))
print(sorted([3, 1, 2], key=lambda v: -v, reverse=False), max([1, 5], key=lambda v: -v, default=0))
print(list(enumerate('ab', start=10)), list(enumerate(iterable='x', start=1)))
print(sum([1, 2], start=10), pow(2, exp=3), 'a b c'.split(sep=' ', maxsplit=1))
l = [2, 3, 1]
l.sort(reverse=True, key=None)
print(l, 'x,y'.split(maxsplit=0, sep=','))
print(dict(a=1, **{'b': 2}), str(b'hi', encoding='ascii', errors='strict'))
def t(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
t(lambda: len(obj=[1]))
t(lambda: abs(x=-1))
t(lambda: divmod(a=1, b=2))
t(lambda: sorted(iterable=[1]))
t(lambda: [].append(object=1))
t(lambda: 'a'.split(',', sep=','))
t(lambda: round(1.5, digits=1))
t(lambda: isinstance(obj=1, class_or_tuple=int))
