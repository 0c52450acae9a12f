# Traceback of an exception raised while handling another.
def parse(s):
    try:
        return int(s)
    except ValueError:
        raise RuntimeError('cannot parse ' + repr(s))
print(parse('12'))
parse('twelve')
