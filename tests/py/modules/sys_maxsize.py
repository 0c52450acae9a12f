# sys.maxsize is the largest container index: 2**63 - 1 on a 64-bit host.
import sys
print(sys.maxsize, sys.maxsize.bit_length(), hex(sys.maxsize))
print(len(range(sys.maxsize)) == sys.maxsize)
try:
    len(range(sys.maxsize + 1))
except OverflowError as e:
    print('OverflowError', e)
