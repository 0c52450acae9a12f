# list() and list methods.
print(list(), list('abc'), list(range(3)), list((1, 2)), list({'a': 1}))
l = [3, 1, 2]
l.append(4); l.extend([5, 6]); l.insert(0, 0); l.insert(-1, 'x'); l.insert(100, 'end')
print(l)
print(l.pop(), l.pop(0), l.pop(-2), l)
l.remove(5)
print(l, l.index(2), l.count(1), l.index(1, 1))
l.reverse()
print(l)
l.sort()
print(l, sorted(l, reverse=True))
m = l.copy()
m.clear()
print(l, m)
words = ['bb', 'a', 'ccc', 'dd']
words.sort(key=len)
print(words)
words.sort(key=len, reverse=True)
print(words)
print([1, 2] + [3], [0] * 3, [1, 2, 3][::-1], 2 in [1, 2])
try:
    [].pop()
except IndexError as e:
    print('IndexError', e)
try:
    [1].pop(5)
except IndexError as e:
    print('IndexError', e)
