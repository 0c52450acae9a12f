# An if with no indented body, inside a function.
def f(x):
    if x:
    return x
