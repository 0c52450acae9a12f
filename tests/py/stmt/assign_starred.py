# Starred assignment targets.
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = 'hello'
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = 1, 2
print(a, b, c)
(a, *b), c = [1, 2, 3], 4
print(a, b, c)
first, *_, last = range(10)
print(first, last)
[*x] = (1, 2)
print(x)
def t(src):
    try:
        a, b, *c = src
        print(a, b, c)
    except ValueError as e:
        print('ValueError', e)
t([1])
t([1, 2])
