# Unpacking errors.
def t(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
def two(v):
    a, b = v
    return a, b
def star(v):
    a, *b, c, d = v
t(lambda: two([1]))
t(lambda: two([1, 2, 3]))
t(lambda: two('abcd'))
t(lambda: two(5))
t(lambda: two(None))
t(lambda: star([1, 2]))
t(lambda: star(range(2)))
print(two('xy'), two({1: 0, 2: 0}), two(range(2)))
