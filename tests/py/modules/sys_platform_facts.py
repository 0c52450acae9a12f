# Target-specific sys values: CPython's on the build host.
import sys
print(sys.implementation.name, sys.platform, sys.byteorder)
print(sys.version_info[:2], sys.argv, sys.getrecursionlimit())
