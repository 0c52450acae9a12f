# __name__ and __builtins__ at module level.
print(__name__)
import sys
main = sys.modules['__main__']
print(main.__name__, type(main).__name__)
b = __builtins__
print(type(b).__name__, b.__name__, b.len is len)
print(hasattr(b, 'len'), hasattr(b, 'no_such_builtin'))
print(__builtins__.abs(-3))
