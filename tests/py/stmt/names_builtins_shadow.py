# Module globals shadow builtins; deleting the global uncovers the builtin.
print(len('abc'))
len = lambda x: 'shadowed'
print(len('abc'))
del len
print(len('abc'))
def f():
    max = 'local'
    return max
print(f(), max(1, 2))
print(__name__)
import sys
print(type(__builtins__).__name__)
