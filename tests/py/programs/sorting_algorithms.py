# Insertion sort, merge sort and quicksort agree with sorted().
def insertion(a):
    a = list(a)
    for i in range(1, len(a)):
        v, j = a[i], i - 1
        while j >= 0 and a[j] > v:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = v
    return a
def merge(a):
    if len(a) <= 1:
        return list(a)
    m = len(a) // 2
    l, r = merge(a[:m]), merge(a[m:])
    out = []
    while l and r:
        out.append(l.pop(0) if l[0] <= r[0] else r.pop(0))
    return out + l + r
def quick(a):
    if len(a) <= 1:
        return list(a)
    p, *rest = a
    return quick([x for x in rest if x < p]) + [p] + quick([x for x in rest if x >= p])
seed = 12345
data = []
for _ in range(60):
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    data.append(seed % 100)
print(data[:10])
print(insertion(data) == merge(data) == quick(data) == sorted(data), sorted(data)[:10])
