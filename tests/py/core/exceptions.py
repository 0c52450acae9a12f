def f():
    try:
        {}["k"]
    except KeyError as e:
        print("KeyError", e, repr(e), e.args)
        raise ValueError("bad") from e
try:
    f()
except ValueError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__context__ is e.__cause__)
try:
    try:
        raise TypeError("inner")
    finally:
        print("cleanup")
except Exception as e:
    print("outer", e)
def g(n):
    try:
        if n:
            return "early"
    finally:
        print("finally", n)
    return "late"
print(g(1), g(0))
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
try:
    raise KeyError
except (TypeError, KeyError) as e:
    print("tuple catch", repr(e))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise
except ArithmeticError as e:
    print("reraised", e)
e = None
try:
    x = undefined_name
except NameError as err:
    print(err)
print(e)
try:
    assert 1 == 2, "nope"
except AssertionError as a:
    print("assert", a)
try:
    int("x")
except ValueError as v:
    print(v)
def h():
    raise RuntimeError("deep")
def k():
    try:
        h()
    except RuntimeError:
        {}[1]
k()
