# raise ... from ... sets __cause__; from None suppresses the context.
try:
    try:
        {}['k']
    except KeyError as k:
        raise ValueError('converted') from k
except ValueError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
try:
    try:
        {}['k']
    except KeyError:
        raise ValueError('hidden') from None
except ValueError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise RuntimeError('x') from ValueError('cause')
except RuntimeError as e:
    print(repr(e.__cause__))
try:
    raise RuntimeError('y') from 5
except TypeError as e:
    print('TypeError', e)
