# Three chained exceptions in one traceback.
def a():
    raise KeyError('a')
def b():
    try:
        a()
    except KeyError:
        raise ValueError('b')
def c():
    try:
        b()
    except ValueError as e:
        raise TypeError('c') from e
c()
