# and/or return an operand and short-circuit; not returns a bool.
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 0)
print('' or 'default', 'x' and 'y', [] and 1, [0] or 1)
print(not [], not [0], not '', not None, not 0.0)
def m(x):
    print('eval', x)
    return x
print(m(0) and m(1))
print(m(1) or m(2))
print(m(1) and m(0) or m(3))
print(bool(0), bool(1), bool(''), bool('a'), bool([]), bool({}), bool(()))
print(True + True, True * 10, False - 1)
