# import forms of built-in modules.
import sys
import time as t
from gc import collect, isenabled as gc_on
import sys, gc
print(sys.__name__, t.__name__, gc.__name__)
print(callable(collect), gc_on() in (True, False))
from sys import maxsize, byteorder as bo
print(bo in ('little', 'big'), maxsize > 0)
print('sys' in sys.modules, type(sys).__name__)
def f():
    import time
    return time.__name__
print(f())
import sys as s2
print(s2 is sys)
