# hash() of big ints and fractional floats depends on the word size
# (modulus 2**61 - 1 on 64-bit, 2**31 - 1 on 32-bit).
print(hash(2 ** 61), hash(2 ** 61 - 1), hash(2 ** 100), hash(-(2 ** 64)))
print(hash(1.5), hash(0.1), hash(-2.25))
