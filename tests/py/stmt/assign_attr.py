# Setting attributes on built-in objects fails with CPython's messages.
def t(f):
    try:
        f()
        print('ok')
    except AttributeError as e:
        print('AttributeError', e)
def set_attr(obj, name):
    setattr(obj, name, 1)
t(lambda: set_attr(1, 'x'))
t(lambda: set_attr('s', 'upper'))
t(lambda: set_attr([], 'y'))
t(lambda: set_attr(None, 'z'))
def f():
    pass
f.attr = 5
print(f.attr)
f.__doc__ = 'doc'
print(f.__doc__)
x = [1]
try:
    x.append = None
except AttributeError as e:
    print('AttributeError', e)
