# isinstance() and issubclass() with classes and tuples of classes.
print(isinstance(1, int), isinstance(True, int), isinstance(1, bool), isinstance(1.0, (int, float)))
print(isinstance('s', str), isinstance([], (tuple, list)), isinstance(None, type(None)))
print(isinstance(KeyError(), LookupError), isinstance(ValueError, type), isinstance(int, type))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, (str, int)), issubclass(int, object))
print(issubclass(ZeroDivisionError, (KeyError, ArithmeticError)), isinstance(len, object))
print(isinstance(1, ()), isinstance(1, (str, (int,))))
def t(f):
    try:
        print(f())
    except TypeError as e:
        print('TypeError', e)
t(lambda: isinstance(1, 1))
t(lambda: issubclass(1, int))
t(lambda: issubclass(int, 1))
