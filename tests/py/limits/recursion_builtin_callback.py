# Recursion that passes through builtins (map, sorted key) is bounded too.
def through_map(n):
    return list(map(through_map, [n + 1]))
try:
    through_map(0)
except RecursionError as e:
    print('RecursionError', e)
def through_sorted(n):
    return sorted([1, 2], key=lambda v: through_sorted(n + 1))
try:
    through_sorted(0)
except RecursionError as e:
    print('RecursionError', e)
print('alive')
