# def, return values, implicit None, functions as values.
def add(a, b):
    return a + b
def nothing():
    pass
def early(x):
    if x:
        return 'early'
    print('late path')
print(add(1, 2), add('a', 'b'), nothing(), early(1), early(0))
f = add
print(f(3, 4), f.__name__, callable(f), callable(3))
def multi():
    return 1, 2
print(multi())
def bare():
    return
print(bare())
print(type(add).__name__)
fs = [add, max, min]
print([g(5, 2) for g in fs])
