# An exception raised in an except block, else block or finally block.
def f():
    try:
        raise ValueError('first')
    except ValueError:
        return undefined_name
try:
    f()
except NameError as e:
    print('NameError', e, type(e.__context__).__name__)
def g():
    try:
        pass
    except Exception:
        pass
    else:
        raise KeyError('from else')
try:
    g()
except KeyError as e:
    print('else raised', e, e.__context__)
def h():
    try:
        raise ValueError('lost')
    finally:
        raise TypeError('finally wins')
try:
    h()
except TypeError as e:
    print(e, repr(e.__context__))
