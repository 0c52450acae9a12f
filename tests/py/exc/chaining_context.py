# __context__ is set implicitly when raising inside a handler.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('during')
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        raise KeyError('a')
    finally:
        pass
except KeyError as e:
    print(repr(e.__context__))
try:
    try:
        raise TypeError('t')
    except TypeError:
        try:
            raise IndexError('i')
        except IndexError:
            raise NameError('n')
except NameError as e:
    print(repr(e.__context__), repr(e.__context__.__context__))
