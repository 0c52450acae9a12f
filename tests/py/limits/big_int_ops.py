# Big integer results, computed exactly.
f = 1
for i in range(1, 101):
    f *= i
print(f)
print(len(str(2 ** 10000)), str(2 ** 10000)[:20], str(2 ** 10000)[-20:])
print(3 ** 200 % 1000007, (10 ** 50 + 1) // 7, -(10 ** 40) // 3)
print(pow(7, 10 ** 5, 10 ** 9 + 7), (2 ** 200 - 1).bit_length())
print(int('1' * 1000) % 97, hex(2 ** 130 + 1))
