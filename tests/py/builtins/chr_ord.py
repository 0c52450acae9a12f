# chr() and ord() round-trip every width of code point.
for c in ('a', 'é', '€', '😀', '\x00', '\uffff'):
    print(ord(c), repr(chr(ord(c))))
print(chr(65), chr(0x10ffff) == '\U0010ffff', ord(b'A'))
print(''.join([chr(ord('a') + i) for i in range(5)]))
for bad in (-1, 0x110000, 'a', 1.5):
    try:
        chr(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for bad in ('', 'ab', 5, b'ab'):
    try:
        ord(bad)
    except TypeError as e:
        print('TypeError', e)
