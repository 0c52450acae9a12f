# Assignment expressions.
if (n := 10) > 5:
    print('n is', n)
data = [1, 2, 3, 4]
while (x := data.pop()) > 2:
    print('popped', x)
print(x, data)
print([y := 5, y ** 2])
print([z for i in range(5) if (z := i * i) > 3])
print(z)
def f():
    [t := j for j in range(3)]
    return t
print(f())
print((w := 1) + (w := w + 1) + w)
