# An exception replaced in finally shows both in the traceback.
def f():
    try:
        raise ValueError('first')
    finally:
        print('cleanup')
        raise KeyError('second')
f()
