# LEGB lookup and local-by-assignment.
x = 'global'
def f():
    return x
def g():
    x = 'local'
    return x
def h():
    def inner():
        return x
    x = 'enclosing'
    return inner()
print(f(), g(), h(), x)
def bad():
    print(x)
    x = 1
try:
    bad()
except UnboundLocalError as e:
    print('UnboundLocalError', e)
def uses_builtin():
    return len('four')
print(uses_builtin())
def missing():
    return undefined_thing
try:
    missing()
except NameError as e:
    print('NameError', e)
def free_bad():
    def inner():
        return y
    try:
        inner()
    except NameError as e:
        print('NameError', e)
    y = 1
free_bad()
