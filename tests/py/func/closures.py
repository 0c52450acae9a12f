# Closures capture variables (cells), not values.
def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c1 = counter()
c2 = counter()
print(c1(), c1(), c1(), c2())
def make_adders():
    fs = []
    for i in range(3):
        def add(x):
            return x + i
        fs.append(add)
    return fs
print([f(10) for f in make_adders()])
def outer():
    x = 'before'
    def show():
        return x
    x = 'after'
    return show
print(outer()())
def deep():
    a = 1
    def mid():
        b = 2
        def inner():
            return a + b
        return inner
    return mid()()
print(deep())
