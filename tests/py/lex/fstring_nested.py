# f-strings in 3.12 (PEP 701): reused quotes, nesting, multi-line fields.
names = ['ann', 'bob']
print(f"{", ".join(names)}")
print(f"{f"{1 + 1}"}", f'{f'{f'{3}'}'}')
width = 6
print(f'{"x":>{width}}|{"y":<{width - 2}}|')
print(f'{
    len(names)
}')
value = 3.14159
print(f'{value:{"." + str(2) + "f"}}')
print(f'{'\n'.join(names)}')
d = {'k': 'v'}
print(f'{d['k']}', f"{d["k"]!r}")
print(f'{{}}{{{1}}}')
print(f'{value = :.3}')
