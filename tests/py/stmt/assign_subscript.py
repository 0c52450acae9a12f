# Assignment to subscripts, slices and attributes of built-in objects.
l = [0, 1, 2, 3, 4, 5]
l[0] = 'a'
l[-1] = 'z'
print(l)
l[1:3] = ['x', 'y', 'w']
print(l)
l[::2] = [0, 0, 0, 0]
print(l)
l[2:2] = [7, 8]
print(l)
l[:] = []
print(l)
d = {}
d['k'] = 1
d[1, 2] = 'pair'
d['k'] += 5
print(d)
m = [[0] * 2 for _ in range(2)]
m[1][0] = 5
print(m)
try:
    l2 = [1, 2, 3]
    l2[::2] = [9]
except ValueError as e:
    print('ValueError', e)
try:
    t = (1, 2)
    t[0] = 5
except TypeError as e:
    print('TypeError', e)
try:
    s = 'abc'
    s[0] = 'x'
except TypeError as e:
    print('TypeError', e)
try:
    l2[10] = 1
except IndexError as e:
    print('IndexError', e)
