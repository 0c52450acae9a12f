# Binary search and bisection with integer arithmetic.
def bsearch(a, x):
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(a) and a[lo] == x else -1
a = list(range(0, 100, 3))
print([bsearch(a, x) for x in (0, 3, 4, 99, 98, 100)])
def isqrt(n):
    lo, hi = 0, n + 1
    while hi - lo > 1:
        m = (lo + hi) // 2
        lo, hi = (m, hi) if m * m <= n else (lo, m)
    return lo
print(isqrt(10 ** 40), isqrt(99), isqrt(0))
