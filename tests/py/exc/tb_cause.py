# Traceback of raise ... from: the cause is printed first.
def load(key):
    table = {'x': 1}
    try:
        return table[key]
    except KeyError as e:
        raise LookupError('no entry ' + key) from e
load('y')
