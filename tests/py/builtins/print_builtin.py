# print() with sep=, end= and several arguments.
print()
print('a', 'b', 'c')
print('a', 'b', sep='')
print('a', 'b', sep=' -> ')
print('no newline', end='')
print(' continued')
print(1, 2, 3, sep=', ', end='.\n')
print(None, True, 1.0, [1], (2,), {3: 4}, 'str', b'bytes')
print(sep='x')
print('x', end='')
print()
print(*[1, 2, 3])
print(*'abc', sep='|')
print('a', 'b', sep=None, end=None)
try:
    print(sep=5)
except TypeError as e:
    print('TypeError', e)
import sys
print('to stdout', file=sys.stdout)
