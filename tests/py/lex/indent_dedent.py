# Several dedents at once and deeply nested blocks.
def f(n):
    if n > 0:
        for i in range(n):
            if i % 2:
                while True:
                    break
            else:
                continue
        return 'pos'
    return 'nonpos'
print(f(3), f(0))
for i in range(2):
  for j in range(2):
        print(i, j)
print('done')
