# Closures created together share one cell per variable; each call of the
# outer function makes new cells.
def pair():
    value = 0
    def get():
        return value
    def put(v):
        nonlocal value
        value = v
    return get, put
get1, put1 = pair()
get2, put2 = pair()
put1(10)
print(get1(), get2())
put2('x')
print(get1(), get2())
def param_cell(p):
    def show():
        return p
    p = p * 2
    return show
print(param_cell(21)())
def loop_cells():
    out = []
    for i in range(3):
        def cap(j=i):
            return j, i
        out.append(cap)
    return [f() for f in out]
print(loop_cells())
