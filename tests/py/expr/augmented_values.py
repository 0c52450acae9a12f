# Expression statements and evaluation order of operands.
def m(x):
    print('eval', x)
    return x
print(m(1) + m(2) * m(3))
print(m([1])[m(0)])
d = {}
d[m('k')] = m('v')
print(d)
print({m('a'): m(1), m('b'): m(2)})
print(m(max)(m(1), m(2)))
print(m(1) ** m(2) ** m(3))
