# nonlocal rebinds the nearest enclosing function variable.
def outer():
    x = 1
    def mid():
        x = 2
        def inner():
            nonlocal x
            x += 10
            return x
        r = inner()
        return r, x
    r = mid()
    return r, x
print(outer())
def acc():
    total = 0
    items = []
    def add(v):
        nonlocal total
        total += v
        items.append(v)
        return total
    return add, lambda: (total, items)
add, get = acc()
add(3); add(4)
print(get())
def both():
    a = b = 0
    def set_both():
        nonlocal a, b
        a, b = 1, 2
    set_both()
    return a, b
print(both())
