# Recursion through lambdas and closures also stops at the limit.
f = lambda n: f(n + 1)
try:
    f(0)
except RecursionError as e:
    print('lambda', e)
def make():
    def inner(n):
        return inner(n + 1)
    return inner
try:
    make()(0)
except RecursionError as e:
    print('closure', e)
