# setrecursionlimit changes where RecursionError comes.
import sys
old = sys.getrecursionlimit()
sys.setrecursionlimit(100)
print(sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
d = depth(0)
print(80 < d < 100)
sys.setrecursionlimit(old)
print(sys.getrecursionlimit() == old)
for bad in (0, -5):
    try:
        sys.setrecursionlimit(bad)
    except ValueError as e:
        print('ValueError', e)
try:
    sys.setrecursionlimit('a')
except TypeError as e:
    print('TypeError', e)
