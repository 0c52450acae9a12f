# set(): construction, algebra and methods (sorted before printing).
s = set([3, 1, 2, 3])
print(sorted(s), len(s), set(), set('aab') == {'a', 'b'})
s.add(5); s.discard(1); s.discard(99); s.remove(2)
print(sorted(s))
a, b = {1, 2, 3}, {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= b, {2} < a, a >= {1}, a.isdisjoint({9}), a == {3, 2, 1})
print(sorted(a.union([9], (8,))), sorted(a.intersection(b, {3})), sorted(a.difference(b)))
c = set(a)
c |= {10}; c &= {1, 10}; c -= {1}
print(c)
c.update([4, 5])
print(sorted(c), c.pop() in {4, 5, 10})
c.clear()
print(c, {1, 2} == {2, 1}, {1, 1.0, True})
try:
    set().remove(1)
except KeyError as e:
    print('KeyError', e)
try:
    {[]}
except TypeError as e:
    print('TypeError', e)
