# Importing what does not exist.
try:
    import no_such_module
except ModuleNotFoundError as e:
    print('ModuleNotFoundError', e, e.name)
try:
    import no_such_module.sub
except ImportError as e:
    print(type(e).__name__, e)
try:
    from sys import no_such_name
except ImportError as e:
    print(type(e).__name__, e)
try:
    from nowhere import x
except ImportError as e:
    print(type(e).__name__, e)
print(issubclass(ModuleNotFoundError, ImportError))
