# Comparisons, chained comparisons evaluate the middle once.
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 != 2 != 1)
print(1 <= 1 < 2 >= 2 > 1)
def m(x):
    print('eval', x)
    return x
print(m(1) < m(2) < m(3))
print(m(3) < m(2) < m(1))
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 'a') < (1, 'b'))
print('abc' < 'abd', 'Z' < 'a', '' < 'a', b'a' < b'b')
print(1 == 1.0, 1 < 1.5, 2 ** 64 > 1e19, True == 1, None == 0)
print([1, 2] == [1, 2], (1,) == [1], {1: 2} == {1: 2}, {1} == {1})
print(float('nan') == float('nan'), float('nan') != float('nan'))
