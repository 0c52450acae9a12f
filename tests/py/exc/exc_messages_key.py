# KeyError shows the repr of the key; str of a KeyError is that repr.
def t(f):
    try:
        f()
    except KeyError as e:
        print('KeyError', e, repr(e), e.args)
t(lambda: {}['a'])
t(lambda: {}[0])
t(lambda: {}[()])
t(lambda: {}[(1,)])
t(lambda: {}[None])
t(lambda: {}[''])
t(lambda: {}.pop('x'))
t(lambda: {}.popitem())
t(lambda: set().pop())
t(lambda: {1}.remove(2))
