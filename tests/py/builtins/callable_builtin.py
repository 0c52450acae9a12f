# callable() of functions, builtins, types and values.
def f():
    pass
print(callable(f), callable(lambda: 0), callable(len), callable(int), callable(ValueError))
print(callable(1), callable('x'), callable(None), callable([]), callable(print))
print(callable('abc'.upper), callable([].append), callable(type))
