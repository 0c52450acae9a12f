# raise a class, an instance, with args; exception args and str/repr.
for exc in (ValueError, ValueError(), ValueError('msg'), ValueError('a', 2), KeyError('key'), KeyError()):
    try:
        raise exc
    except Exception as e:
        print(type(e).__name__, repr(str(e)), repr(e), e.args)
try:
    raise TypeError
except TypeError as e:
    print(repr(e))
try:
    raise 5
except TypeError as e:
    print('TypeError', e)
try:
    raise int
except TypeError as e:
    print('TypeError', e)
