# An uncaught RecursionError at the default limit: the folded traceback
# shows how many frames the limit allowed.
def recurse(n):
    return recurse(n + 1)
print('start')
recurse(0)
