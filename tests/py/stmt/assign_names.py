# Simple, chained and tuple assignment.
a = 1
b = c = d = [0]
print(a, b, c, d, b is d)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = 'st'
print(s, t)
i = j = k = 7
print(i + j + k)
u, = [9]
print(u)
e = f = 1, 2
print(e, f)
