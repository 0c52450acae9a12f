# The built-in exception hierarchy, by name and base.
names = ['BaseException', 'SystemExit', 'KeyboardInterrupt', 'GeneratorExit',
         'Exception', 'StopIteration', 'ArithmeticError', 'OverflowError',
         'ZeroDivisionError', 'AssertionError', 'AttributeError', 'EOFError',
         'ImportError', 'ModuleNotFoundError', 'LookupError', 'IndexError',
         'KeyError', 'MemoryError', 'NameError', 'UnboundLocalError', 'OSError',
         'RuntimeError', 'NotImplementedError', 'RecursionError', 'SyntaxError',
         'IndentationError', 'TabError', 'SystemError', 'TypeError', 'ValueError',
         'UnicodeError']
for n in names:
    cls = eval(n)
    print(n, cls.__name__, cls.__bases__[0].__name__)
print(issubclass(KeyError, LookupError), issubclass(KeyError, Exception))
print(issubclass(SystemExit, Exception), issubclass(KeyboardInterrupt, BaseException))
print(isinstance(ZeroDivisionError(), ArithmeticError))
