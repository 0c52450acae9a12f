# SystemExit is an exception: it can be caught and inspected.
import sys
for arg in ((), (0,), (5,), ('msg',), (None,), ((1, 2),)):
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(repr(e), repr(e.code), e.args)
try:
    raise SystemExit(7)
except BaseException as e:
    print(type(e).__name__, e.code, isinstance(e, Exception))
print('still running')
