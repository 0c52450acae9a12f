# An exception with several arguments prints their tuple.
raise ValueError('bad value', 42)
