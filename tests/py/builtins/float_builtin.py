# float() from strings and numbers; repr is the shortest round-trip.
print(float(), float(3), float('1.5'), float(' -2.25 '), float('1e3'), float('1_0.5'))
print(float('inf'), float('-Infinity'), float('nan'), float('  +1.0\n'))
print(float(2 ** 60), float(True), float('16'))
print(0.1, 1 / 3, 2 / 3, 1e22, 1e-7, 123456789012345678.0, 0.000123)
print(3.0, -0.0, 1.5e300 * 1.5e300, 5e-324 / 2)
print((1.5).is_integer(), (2.0).is_integer())
print((0.75).as_integer_ratio(), round(2.675, 2), int(-3.9), int(3.9))
try:
    float(2 ** 1100)
except OverflowError as e:
    print('OverflowError', e)
try:
    int(float('inf'))
except OverflowError as e:
    print('OverflowError', e)
try:
    int(float('nan'))
except ValueError as e:
    print('ValueError', e)
