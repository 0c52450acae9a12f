# for loops over built-in iterables, with else, break and continue.
for c in 'abc':
    print(c, end=' ')
print()
for i in range(3):
    pass
else:
    print('else', i)
for x in [1, 2, 3, 4]:
    if x == 3:
        print('break at', x)
        break
else:
    print('not reached')
for k, v in {'a': 1, 'b': 2}.items():
    print(k, v)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a, b)
for x in []:
    print('never')
else:
    print('empty else')
total = 0
for n in range(10):
    if n % 2:
        continue
    total += n
print(total)
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print(i, j)
