# Attributes of function objects.
def f(a, b=1, *c, d, e=2, **g):
    'the doc'
    x = 1
    return x
print(f.__name__, f.__qualname__, f.__doc__, f.__module__)
print(f.__defaults__, f.__kwdefaults__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__, outer().__name__)
print((lambda: 0).__qualname__)
def nodoc():
    pass
print(nodoc.__doc__, nodoc.__defaults__, nodoc.__kwdefaults__)
print(f.__globals__ is globals())
