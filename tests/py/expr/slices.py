# Slices with steps, negative bounds and out-of-range bounds.
l = list(range(10))
print(l[2:5], l[:3], l[7:], l[:], l[-3:], l[:-7])
print(l[::2], l[1::3], l[::-1], l[8:2:-2], l[-1:-4:-1])
print(l[100:], l[-100:2], l[5:1], l[::100])
s = 'abcdefg'
print(s[1:4], s[::-1], s[::2], s[-2:], s[5:100])
t = (1, 2, 3, 4)
print(t[1:3], t[::-1], t[3:0:-1])
b = b'abcdef'
print(b[1:3], b[::-2])
r = range(20)
print(r[2:10:3], list(r[::-5]))
print(l[slice(1, 4)], l[slice(None, None, -3)])
try:
    l[::0]
except ValueError as e:
    print('ValueError', e)
try:
    l['a':]
except TypeError as e:
    print('TypeError', e)
