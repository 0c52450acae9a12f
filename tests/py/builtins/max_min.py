# max() and min() with iterables, several args, key= and default=.
print(max(3, 1, 2), min(3, 1, 2), max([1, 5, 2]), min('hello'), max('ab', 'b'))
print(max([], default='none'), min((), default=0), max([1], default=5))
print(max(['aaa', 'b', 'cc'], key=len), min(['aaa', 'b', 'cc'], key=len))
print(max([(1, 'b'), (1, 'a')]), min([-3, 2, -1], key=abs))
print(max([2, 2.0]), max([2.0, 2]), min(1, True), max({1: 'a', 3: 'b'}))
print(max('abc', 'abd', key=lambda s: s[-1]))
def t(f):
    try:
        print(f())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
t(lambda: max())
t(lambda: max([]))
t(lambda: min(5))
t(lambda: max(1, 'a'))
t(lambda: max(1, 2, default=0))
t(lambda: min([], key=len))
