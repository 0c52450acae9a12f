# abs() and divmod() over ints, big ints, floats and bools.
print(abs(-5), abs(5), abs(0), abs(-2 ** 100), abs(-1.5), abs(-0.0), abs(True))
print(abs(float('-inf')))
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(2 ** 70, 3), divmod(7.5, 2), divmod(-7.5, 2), divmod(True, 2))
try:
    divmod('a', 1)
except TypeError as e:
    print('TypeError', e)
try:
    abs()
except TypeError as e:
    print('TypeError', e)
