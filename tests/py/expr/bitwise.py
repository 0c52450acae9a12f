# Bitwise operators on ints, including negatives and big values.
print(12 & 10, 12 | 10, 12 ^ 10, ~12, ~-1)
print(1 << 3, 1 << 64, 1024 >> 3, -1024 >> 3, -1 >> 100)
print(-12 & 10, -12 | 10, -12 ^ 10)
print((1 << 100) - 1 & 0xff, (1 << 100) | 1, (1 << 100) ^ (1 << 99))
print(0xf0 & 0x3c | 0x01)
print(True & False, True | False, True ^ True, ~True)
print(bin(-5 & 0xff), hex(~0 & 0xffffffff))
print(5 >> 0, 5 << 0, 0 << 1000)
