# Catching with something that is not an exception class.
try:
    try:
        raise ValueError
    except 5:
        pass
except TypeError as e:
    print('TypeError', e)
try:
    try:
        raise ValueError
    except (ValueError, 'x'):
        print('matched first element')
except TypeError as e:
    print('TypeError', e)
try:
    raise ValueError
except (KeyError, ValueError) as e:
    print('tuple ok', type(e).__name__)
