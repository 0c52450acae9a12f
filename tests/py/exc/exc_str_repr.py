# str() and repr() of exception instances.
for e in (Exception(), Exception('one'), Exception('a', 'b'), Exception(1),
          ValueError(''), KeyError('k'), KeyError('a', 'b'), IndexError(3),
          StopIteration(7), SystemExit(2), OSError('x'), RuntimeError(None)):
    print(repr(str(e)), repr(e))
e = ValueError('m')
print(e.args, len(e.args))
print(StopIteration(5).value, StopIteration().value, SystemExit(3).code, SystemExit().code)
