# Each error is caught and printed: messages must be CPython's.
def show(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
show(lambda: 1 + "a")
show(lambda: "a" + 1)
show(lambda: [1][5])
show(lambda: {}["missing"])
show(lambda: undefined)
show(lambda: int("12x"))
show(lambda: 1 / 0)
show(lambda: 5 % 0)
show(lambda: (1).nope)
show(lambda: len(5))
n = None
show(lambda: n())
show(lambda: [].pop())
show(lambda: next(iter([])))
show(lambda: ord("ab"))
show(lambda: chr(-1))
def unbound():
    print(x)
    x = 1
show(unbound)
def unpack():
    a, b = [1, 2, 3]
show(unpack)
def unpack2():
    a, b, c = (1, 2)
show(unpack2)
show(lambda: max([]))
show(lambda: sorted([1, "a"]))
show(lambda: hash([]))
show(lambda: iter(5))
show(lambda: {[]: 1})
