# Types and shapes of sys attributes that are the same on every target.
import sys
print(type(sys.argv).__name__, type(sys.path).__name__, sys.byteorder in ('little', 'big'))
print(type(sys.version).__name__, sys.version_info[0], sys.version_info.major, len(sys.version_info) >= 3)
print(type(sys.maxsize).__name__, sys.maxsize in (2 ** 31 - 1, 2 ** 63 - 1))
print(type(sys.implementation.name).__name__, type(sys.platform).__name__)
print(sys.maxsize + 1 > sys.maxsize, -sys.maxsize - 1 < 0)
print(type(sys.getrecursionlimit()).__name__, sys.getrecursionlimit() > 50)
