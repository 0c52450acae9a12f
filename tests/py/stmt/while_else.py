# while loops, else when not broken out of.
i = 0
while i < 3:
    print('i', i)
    i += 1
else:
    print('else ran', i)
j = 0
while True:
    j += 1
    if j == 4:
        break
else:
    print('not printed')
print('j', j)
k = 10
while k > 0:
    k -= 3
    if k % 2:
        continue
    print('even k', k)
else:
    print('else k', k)
n = 0
while n: n -= 1
else: print('empty while')
