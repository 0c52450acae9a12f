# bool() and bool as an int subclass.
print(bool(), bool(0), bool(1), bool(-1), bool(0.0), bool(0.1))
print(bool(''), bool(' '), bool([]), bool([[]]), bool(None), bool(range(0)))
print(True + 1, True * 2.5, int(True), float(False), str(True), repr(False))
print(isinstance(True, int), type(True).__name__, True == 1, hash(True) == hash(1))
print(True and 5, False or 'x', -True, ~False)
print({True: 'a', 1: 'b'}, [10, 20][True])
try:
    bool(1, 2)
except TypeError as e:
    print('TypeError', e)
