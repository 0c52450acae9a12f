# A bare raise keeps the original frame in the traceback.
def inner():
    raise IndexError('deep')
def outer():
    try:
        inner()
    except IndexError:
        print('logging and re-raising')
        raise
outer()
