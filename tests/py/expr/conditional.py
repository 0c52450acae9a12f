# Conditional expressions are lazy in both branches.
def m(x):
    print('eval', x)
    return x
print(m('a') if True else m('b'))
print(m('a') if False else m('b'))
x = 0
print('zero' if x == 0 else 'neg' if x < 0 else 'pos')
x = -3
print('zero' if x == 0 else 'neg' if x < 0 else 'pos')
print([i if i % 2 else -i for i in range(5)])
print((lambda y: 'even' if y % 2 == 0 else 'odd')(7))
