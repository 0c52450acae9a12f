# Bare raise re-raises the exception being handled.
def f():
    try:
        raise ValueError('original')
    except ValueError:
        print('handling')
        raise
try:
    f()
except ValueError as e:
    print('reraised', e)
try:
    raise
except RuntimeError as e:
    print('RuntimeError', e)
def g():
    try:
        1 / 0
    except ZeroDivisionError as e:
        err = e
    raise err
try:
    g()
except ZeroDivisionError as e:
    print('raised again', e)
