# := to an attribute.
import sys
if (sys.x := 1):
    pass
