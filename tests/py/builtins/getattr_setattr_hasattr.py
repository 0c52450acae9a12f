# getattr/setattr/hasattr on built-in objects and functions.
print(getattr('abc', 'upper')(), getattr([], 'nope', 'default'), hasattr('', 'join'), hasattr(1, 'x'))
def f():
    pass
setattr(f, 'tag', 42)
print(f.tag, getattr(f, 'tag'), hasattr(f, 'tag'))
def t(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: getattr(1, 'missing'))
t(lambda: getattr(1, 5))
t(lambda: setattr(1, 'x', 2))
t(lambda: hasattr(1, None))
t(lambda: getattr('x', 'uppr'))
