# Operator precedence, lowest to highest, checked by values.
print(1 + 2 * 3, (1 + 2) * 3, 2 * 3 ** 2, -2 ** 2, (-2) ** 2)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
print(1 | 2 ^ 3 & 4, 1 << 2 + 1, 8 >> 1 - 1)
print(not 1 == 2, not (1 and 0), 1 or 0 and 0)
print(1 < 2 == 2, 1 + 1 == 2 and 3 > 2)
print(- 2 * 3, -(2 * 3), ~1 + 1, ~(1 + 1))
print(10 - 5 - 2, 100 / 10 / 5, 2 ** -1 ** 2)
print(3 & 5 == 1, (3 & 5) == 1)
print(1 if 0 else 2 if 0 else 3)
print(not 0 + 1, 1 in [1] == True)
x = 5
print(x * 2 if x > 3 else x, (lambda: 0 if False else 1)())
