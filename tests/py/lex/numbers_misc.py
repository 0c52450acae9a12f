# Literals next to operators and attribute access on literals.
print(1 if 1 else 0)
print(1 .real, 1.0.real, 0x10 .bit_length())
print((1).__class__.__name__)
print(-1, +1, ~1, --1, -+-1)
print(1_2.3_4)
print(0xA + 0xa, 0o7 * 2, 0b11 ** 2)
print(10 .__add__(5))
