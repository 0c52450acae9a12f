# Attributes of exception instances: args, name, obj, with_traceback.
try:
    undefined_var
except NameError as e:
    print(e.name, e.args)
try:
    (1).nope
except AttributeError as e:
    print(e.name, e.obj, e.args)
try:
    import missing_mod
except ImportError as e:
    print(e.name, e.msg)
e = ValueError('x')
print(e.__traceback__, e.__cause__, e.__context__)
try:
    raise e
except ValueError as caught:
    print(caught is e, caught.__traceback__ is not None)
e.args = ('changed',)
print(e)
print(e.with_traceback(None) is e)
