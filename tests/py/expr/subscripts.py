# Indexing of sequences and mappings, negative indices.
s = 'hello'
l = [10, 20, 30, 40]
t = (1, 2, 3)
b = b'xyz'
print(s[0], s[-1], s[4], l[1], l[-2], t[-3], b[0], b[-1])
d = {'a': 1, (1, 2): 'tuple', 3: 'int', None: 'none'}
print(d['a'], d[1, 2], d[3], d[None], d[3.0])
print(range(10)[3], range(10)[-1], range(0, 20, 3)[2])
m = [[1, 2], [3, 4]]
print(m[1][0], m[-1][-1])
print('abc'[True], [1, 2][False])
