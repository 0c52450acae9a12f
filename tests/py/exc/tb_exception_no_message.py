# An exception without arguments prints just its class name.
def check(n):
    if n > 2:
        raise AssertionError
    return n
print(check(1))
check(3)
