# bin(), oct(), hex() of positive, negative and big ints.
for n in (0, 1, -1, 255, -255, 2 ** 64, -(2 ** 70) + 1, True):
    print(bin(n), oct(n), hex(n))
try:
    hex(1.5)
except TypeError as e:
    print('TypeError', e)
try:
    bin('1')
except TypeError as e:
    print('TypeError', e)
print(int(bin(1234), 0), int(oct(1234), 0), int(hex(-1234), 0))
