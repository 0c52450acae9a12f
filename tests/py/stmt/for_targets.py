# for loop targets: subscripts, attributes-free starred and nested.
l = [0, 0, 0]
for l[0] in range(3):
    pass
print(l)
d = {}
for d['k'] in 'xyz':
    pass
print(d)
for a, *b in ['abc', 'de']:
    print(a, b)
for (x, y), z in [((1, 2), 3)]:
    print(x, y, z)
for i in range(2):
    i = 10
    print(i)
items = [1, 2, 3]
for x in items:
    if x == 1:
        items.append(4)
    print(x)
