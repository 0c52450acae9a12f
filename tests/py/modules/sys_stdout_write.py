# sys.stdout.write and sys.stderr.write return the number of characters.
import sys
n = sys.stdout.write('written\n')
print(n)
print(sys.stdout.write(''), sys.stdout.write('é€\n'))
sys.stdout.write('no newline')
sys.stdout.write(' then one\n')
sys.stderr.write('to stderr\n')
print('after stderr')
try:
    sys.stdout.write(5)
except TypeError as e:
    print('TypeError', e)
print('x', file=sys.stderr)
print('y', file=sys.stdout)
