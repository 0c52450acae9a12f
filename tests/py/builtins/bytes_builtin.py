# bytes(): from ints, iterables, str with encoding; methods and errors.
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(range(3)), bytes(b'xy'))
print(bytes('héllo', 'utf-8'), bytes('abc', encoding='ascii'))
print(b'abc'.decode(), 'é'.encode(), 'é'.encode('utf-8'), len('€'.encode()))
print(b'a,b'.split(b','), b'  x '.strip(), b'ab'.upper(), b'x'.join([b'1', b'2']))
print(b'abc'.hex(), bytes.fromhex('414243'), b'abc'.find(b'c'), b'aXa'.replace(b'X', b'-'))
print(b'ab' + b'cd', b'ab' * 3, b'abc'.startswith(b'ab'), list(b'hi'))
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: bytes([256]))
t(lambda: bytes([-1]))
t(lambda: bytes('abc'))
t(lambda: bytes(-1))
t(lambda: b'a' + 'b')
t(lambda: bytes(1.5))
