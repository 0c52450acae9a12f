# f-string format specs, nested fields in the spec.
n = 3.14159
i = 255
print(f'{n:.2f}|{n:10.3f}|{n:<10.1f}|{n:^10.2f}|')
print(f'{i:x} {i:X} {i:o} {i:b} {i:#x} {i:#o} {i:#b}')
print(f'{i:08d} {i:+d} {-i:d} {i: d} {i:,} {1234567:_}')
print(f'{"s":>5}|{"s":<5}|{"s":^5}|{"s":*^5}|')
w, p = 10, 3
print(f'{n:{w}.{p}f}|')
print(f'{n:{w}}|')
print(f'{12345.678:e} {12345.678:.2e} {0.5:%} {0.25:.1%}')
print(f'{1e20:g} {1e-5:g} {123.0:g}')
print(f'{"abc":.2}')
print(f'{i=}')
print(f'{i = }')
print(f'{n=:.1f}')
print(f'{"x"=!r}')
print(f'{w+p=}')
