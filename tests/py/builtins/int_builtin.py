# int() from strings in every base, floats, bools; int methods.
print(int(), int(7), int(-7.9), int('42'), int(' -42 '), int('1_000'), int(True))
print(int('ff', 16), int('0xff', 16), int('0xff', 0), int('0o17', 0), int('0b101', 0), int('z', 36))
print(int('777', 8), int('-1010', 2), int('  +12  ', 10), int(b'33'), int('٣'))
print(int(2 ** 100 + 0.0), int(1e20), int(-0.5))
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (10).bit_count())
print((1024).to_bytes(2, 'big'), int.from_bytes(b'\x00\x10', 'big'), int.from_bytes(b'\x10\x00', 'little'))
print((-1).to_bytes(2, 'little', signed=True), int.from_bytes(b'\xff', 'big', signed=True))
print(int('10', base=3), (7).conjugate(), (5).real, (5).imag, (6).numerator, (6).denominator)
for args in (('12', 40), ('', 10), ('0x', 16), ('08', 0), ('1 2',)):
    try:
        int(*args)
    except ValueError as e:
        print('ValueError', e)
try:
    int('5', base=10.0)
except TypeError as e:
    print('TypeError', e)
