# Lines ending in CR LF (as a terminal may send) read like LF lines.
x = 1
if x:
    print('crlf ok')
s = """a
b"""
print(repr(s))
