# Arguments are evaluated left to right, before the call.
def m(x):
    print('eval', x.__name__ if callable(x) else x)
    return x
def f(*a, **k):
    print('called', a, sorted(k.items()))
m(f)(m(1), m(2), k=m(3))
f(*m([1]), **m({'z': 0}))
f(m(1), *m([2]), m(3), **m({'a': 4}))
