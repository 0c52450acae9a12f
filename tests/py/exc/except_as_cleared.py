# The name bound by `except ... as` is deleted at the end of the handler.
e = 'before'
try:
    raise KeyError('k')
except KeyError as e:
    print('inside', repr(e))
try:
    print(e)
except NameError as err:
    print('NameError', err)
def f():
    try:
        raise ValueError
    except ValueError as x:
        pass
    return 'x' in locals()
print(f())
