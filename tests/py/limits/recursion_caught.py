# Unbounded recursion raises RecursionError, which can be caught; the
# program goes on normally afterwards.
def forever(n):
    return forever(n + 1)
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
for start in (forever, mutual_a):
    try:
        start(0)
    except RecursionError as e:
        print(start.__name__, 'RecursionError', e)
print(issubclass(RecursionError, RuntimeError))
def fine(n):
    return 0 if n == 0 else 1 + fine(n - 1)
print(fine(50))
