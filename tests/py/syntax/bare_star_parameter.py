# A bare * with no keyword-only parameter after it.
def f(a, *):
    pass
