# The first matching handler wins; BaseException catches everything.
def classify(f):
    try:
        f()
    except ZeroDivisionError:
        return 'zero'
    except ArithmeticError:
        return 'arith'
    except LookupError as e:
        return 'lookup ' + type(e).__name__
    except Exception as e:
        return 'other ' + type(e).__name__
    return 'none'
print(classify(lambda: 1 / 0))
print(classify(lambda: 2.0 ** 10000))
print(classify(lambda: [][1]))
print(classify(lambda: {}[1]))
print(classify(lambda: int('z')))
print(classify(lambda: None))
try:
    raise SystemExit(5)
except Exception:
    print('not caught by Exception')
except BaseException as e:
    print('BaseException', type(e).__name__, e.code)
