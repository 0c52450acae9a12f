# del of names, subscripts, slices and tuples of targets.
x = 1
del x
try:
    print(x)
except NameError as e:
    print('NameError', e)
l = list(range(8))
del l[0]
del l[-1]
print(l)
del l[1:3]
print(l)
del l[::2]
print(l)
d = {'a': 1, 'b': 2, 'c': 3}
del d['a'], d['b']
print(d)
a = b = 5
del a, b
try:
    del d['zz']
except KeyError as e:
    print('KeyError', e)
try:
    del l[99]
except IndexError as e:
    print('IndexError', e)
try:
    del nothere
except NameError as e:
    print('NameError', e)
def f():
    v = 1
    del v
    return v
try:
    f()
except UnboundLocalError as e:
    print('UnboundLocalError', e)
