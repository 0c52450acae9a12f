# nonlocal naming a variable no enclosing function binds.
def f():
    def g():
        nonlocal missing
        missing = 1
    return g
