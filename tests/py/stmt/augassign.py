# Every augmented assignment operator.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x /= 4; print(x)
x //= 2; print(x)
x %= 2; print(x)
y = 3
y **= 3; print(y)
y <<= 2; print(y)
y >>= 1; print(y)
y &= 0xf; print(y)
y |= 0x100; print(y)
y ^= 0xff; print(y)
s = 'ab'
s += 'cd'; s *= 2; print(s)
l = [1]
alias = l
l += [2]
l *= 2
print(l, alias, l is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
d = {'n': 0}
d['n'] += 1
print(d)
k = [0, 0]
k[1] -= 5
print(k)
