# format() with format specs for ints, floats and strs.
print(format(42), format(42, 'd'), format(42, '5d'), format(42, '<5') + '|', format(42, '^7'))
print(format(255, 'x'), format(255, '#X'), format(5, '08b'), format(-5, '+d'), format(1234567, ','))
print(format(3.14159, '.3f'), format(3.14159, 'e'), format(3.14159, '.2g'), format(0.5, '.0%'))
print(format(1e100, 'g'), format(123.456, '10.2f'), format(-0.0, 'f'), format(2.5, '.0f'))
print(format('abc', '>6'), format('abc', '*<6'), format('abc', '.1'), format('abc'))
print(format(True), format(None), format([1, 2]))
print('{} {}'.format(1, 2), '{1} {0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2))
print('{:>4}|{:<4}|{:^4}'.format('a', 'b', 'c'), '{0!r} {0!s}'.format('q'))
print('{:.2f} {:x} {:,}'.format(1.005, 255, 10 ** 6))
for args in ((1, 's'), ('s', 'd'), (1.5, 'd')):
    try:
        format(*args)
    except ValueError as e:
        print('ValueError', e)
