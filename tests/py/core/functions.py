def f(a, /, b, *, c=5):
    return (a, b, c)
print(f(1, 2), f(1, b=3, c=4))
def v(*args, **kw):
    return args, sorted(kw.items())
print(v(1, 2, x=3, y=4), v(*[1, 2], **{"z": 1}))
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = counter()
c(); c(5)
print(c())
adders = [lambda x, i=i: x + i for i in range(3)]
print([a(10) for a in adders])
total = 0
def add(n):
    global total
    total += n
add(3); add(4)
print(total)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))
print(max([1, 5, 3]), min(4, 2, 8), max([], default=0), sum(range(101)))
print(list(map(lambda x: x * 2, [1, 2])), list(filter(None, [0, 1, 2])), list(zip("ab", [1, 2])))
print(list(enumerate("xy", 1)), list(reversed([1, 2, 3])))
print(isinstance(3, int), isinstance(True, int), isinstance("s", (int, str)), type(3.0))
print(divmod(17, 5), pow(2, 10, 1000), round(2.675, 2), abs(-3), hex(255), bin(5), oct(8))
print(chr(65), ord("a"), any([0, 1]), all([]), callable(len), hash(1))
def kwonly(*, a):
    return a
try:
    kwonly(1)
except TypeError as e:
    print(e)
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, 2, 3)
except TypeError as e:
    print(e)
try:
    f(1, 2, d=1)
except TypeError as e:
    print(e)
a, *b, c = range(5)
print(a, b, c)
(x, y), z = (1, 2), 3
print(x, y, z)
print(f"{x=} {y!r:>4} {'s':^5}|{3.5:08.3f}|{255:#x}|{1234567:,}")
print("%s-%d-%5.2f-%x-%r" % ("a", 3, 3.14159, 255, "q"))
n = 0
while (n := n + 1) < 5:
    pass
print(n)
print([i for i in range(10) if i % 3 == 0], {i % 3 for i in range(10)}, sum(i for i in range(4)))
