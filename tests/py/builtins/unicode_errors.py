# Encoding and decoding errors: CPython raises the UnicodeError subclasses.
def t(f):
    try:
        print(f())
    except UnicodeError as e:
        print(type(e).__name__, e)
t(lambda: b'\xff'.decode())
t(lambda: b'\xc3'.decode('utf-8'))
t(lambda: b'a\xe9b'.decode())
t(lambda: 'é'.encode('ascii'))
t(lambda: b'\x80'.decode('ascii'))
t(lambda: '\ud800'.encode())
print(b'\xff'.decode('utf-8', 'replace'), 'é'.encode('ascii', 'replace'), 'é'.encode('ascii', 'ignore'))
