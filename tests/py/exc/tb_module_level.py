# An uncaught exception at module level, after output.
print('start')
d = {'a': 1}
print(d['a'])
print(d['b'])
print('never')
