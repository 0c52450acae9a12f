# Augmented assignment evaluates the target's container and key once.
def m(x):
    print('eval', x)
    return x
d = {'a': 1}
m(d)[m('a')] += m(10)
print(d)
l = [1, 2, 3]
m(l)[m(1)] *= m(5)
print(l)
try:
    u = undefined_name
    u += 1
except NameError as e:
    print('NameError', e)
def f():
    z += 1
try:
    f()
except UnboundLocalError as e:
    print('UnboundLocalError', e)
