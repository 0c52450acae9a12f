# sys.modules holds the imported modules, __main__ included.
import sys
print('sys' in sys.modules, sys.modules['sys'] is sys, '__main__' in sys.modules)
import gc
print(sys.modules['gc'] is gc, type(sys.modules).__name__)
print(sys.modules['__main__'].__name__)
import time
print('time' in sys.modules, 'no_such' in sys.modules)
