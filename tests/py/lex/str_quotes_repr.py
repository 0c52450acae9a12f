# repr picks quotes as CPython does.
print(repr('a'), repr("it's"), repr('say "x"'), repr('both \' and "'))
print(repr(''), repr(' '), repr('\x00\x1f\x7f\x80'))
print(repr('\xa0\xad'), repr('\u2028'), repr('é€😀'))
print(repr(b"it's"), repr(b'say "x"'), repr(b'both \' and "'))
print(ascii('é€😀'), ascii('plain'))
