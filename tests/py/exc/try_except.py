# try/except/else/finally: which blocks run.
def run(fail):
    try:
        print('try')
        if fail:
            raise ValueError('bad')
    except ValueError as e:
        print('except', e)
    else:
        print('else')
    finally:
        print('finally')
run(False)
run(True)
try:
    [][0]
except (KeyError, IndexError) as e:
    print('tuple caught', type(e).__name__)
try:
    {}['k']
except LookupError as e:
    print('base caught', type(e).__name__, e)
try:
    1 / 0
except ValueError:
    print('wrong')
except ArithmeticError:
    print('arith')
except ZeroDivisionError:
    print('not reached')
try:
    int('x')
except:
    print('bare except')
