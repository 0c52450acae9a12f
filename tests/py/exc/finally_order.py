# finally runs on every way out of a try.
def f(mode):
    try:
        if mode == 'raise':
            raise ValueError(mode)
        if mode == 'return':
            return 'returned'
        print('normal')
    finally:
        print('finally', mode)
print(f('normal'))
print(f('return'))
try:
    f('raise')
except ValueError as e:
    print('caught', e)
def nested():
    try:
        try:
            raise KeyError('inner')
        finally:
            print('inner finally')
    finally:
        print('outer finally')
try:
    nested()
except KeyError as e:
    print('caught', repr(e))
