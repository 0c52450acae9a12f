# A small table with aligned, formatted numbers.
rows = [('alpha', 1, 3.14159), ('beta', 22, -2.5), ('gamma', 333, 1e6), ('delta', -4, 0.000123)]
print(f"{'name':<8}|{'n':>5}|{'value':>12}|")
print('-' * 8 + '+' + '-' * 5 + '+' + '-' * 12 + '+')
for name, n, v in rows:
    print(f'{name:<8}|{n:>5}|{v:>12.4g}|')
print('%-8s|%5d|%12.3e|' % ('pct', 7, 12345.678))
print(f'{sum([r[1] for r in rows]):,}')
