# dict(): from pairs, keywords, another dict; insertion order; methods.
print(dict(), dict(a=1, b=2), dict([('x', 1), ('y', 2)]), dict({'k': 0}, z=9))
print(dict(zip('abc', range(3))), dict.fromkeys('ab'), dict.fromkeys([1, 2], 0))
d = {'b': 1, 'a': 2}
d['c'] = 3
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get('a'), d.get('z'), d.get('z', 0), d.pop('b'), d.pop('z', 'dflt'), d)
print(d.setdefault('a', 9), d.setdefault('n', []), d)
d.update({'a': 0}, q=1)
print(d, len(d), 'a' in d, d.popitem(), d)
print(d.copy() == d, d.copy() is d, {**d})
d.clear()
print(d)
for bad in ([1, 2], [(1, 2, 3)], 5):
    try:
        dict(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
