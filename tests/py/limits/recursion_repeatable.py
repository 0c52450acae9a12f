# Hitting the recursion limit many times leaves the interpreter usable.
def down(n):
    return down(n + 1)
count = 0
for i in range(20):
    try:
        down(0)
    except RecursionError:
        count += 1
print(count)
def up(n):
    return n if n == 0 else up(n - 1)
print(up(30))
