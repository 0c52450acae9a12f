# round(): banker's rounding, ndigits positive and negative.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.7), round(-3.7))
print(round(2.675, 2), round(1.25, 1), round(1.35, 1), round(123.456, -1), round(123.456, -2))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, 2))
print(round(3.14159, 3), round(1e300, 2), round(0.1, 20), type(round(1.5)).__name__, type(round(1.5, 0)).__name__)
print(round(2 ** 70 + 1, -5), round(True))
for bad in (float('inf'), float('nan')):
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
try:
    round('1')
except TypeError as e:
    print('TypeError', e)
