# Allocation churn: memory is reused, so the loop runs to completion.
total = 0
for i in range(2000):
    l = list(range(100))
    d = {k: str(k) for k in range(20)}
    s = 'x' * 50 + str(i)
    total += len(l) + len(d) + len(s)
print(total)
acc = ''
for i in range(3000):
    acc += 'ab'
print(len(acc))
big = 1
for i in range(300):
    big *= 12345678901
print(len(str(big)))
