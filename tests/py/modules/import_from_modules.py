# from-imports of module attributes, and attribute errors on modules.
from sys import byteorder, exit
from time import sleep as nap
from gc import collect
import sys
print(byteorder == sys.byteorder, exit is sys.exit, callable(nap), callable(collect))
try:
    sys.no_such_attr
except AttributeError as e:
    print('AttributeError', e)
try:
    import sys.path
except ModuleNotFoundError as e:
    print('ModuleNotFoundError', e)
import gc as g
print(g.__name__, g.isenabled())
