# raise ... from None hides the context in the traceback.
def convert(v):
    try:
        return float(v)
    except ValueError:
        raise TypeError('expected a number') from None
convert('abc')
