# f-strings: expressions, conversions, nesting of quotes.
x = 42
s = 'hi'
print(f'{x}', f"{x + 1}", F'{s}!')
print(f'{s!r} {s!s} {s!a}')
print(f'{"é"!a} {"é"!r}')
print(f'{{literal}} {x}')
print(f'{x}{x}{x}')
print(f'{[1, 2][0]} {dict(a=1)["a"]}')
print(f'{x if x else 0}')
print(f'{ x }')
print(f"{'nested'}")
print(rf'\n{x}', fr'{s}\t')
print(f'''{x}
{s}''')
print(f'{3.0!r:>8}')
