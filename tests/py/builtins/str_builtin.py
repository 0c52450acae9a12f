# str methods used everywhere.
s = 'Hello, World'
print(s.lower(), s.upper(), s.swapcase(), s.title(), 'hello world'.capitalize())
print(s.find('o'), s.rfind('o'), s.find('z'), s.index('W'), s.count('l'))
print(s.split(', '), ' a  b '.split(), 'a,b,,c'.split(','), 'a b c'.split(None, 1), 'a\nb\r\nc'.splitlines())
print(s.replace('l', 'L'), s.replace('l', 'L', 1), '-'.join(['a', 'b']), ''.join([]))
print(' x '.strip() + '|', 'xxhixx'.strip('x'), ' x'.lstrip(), 'x '.rstrip() + '|')
print(s.startswith('Hell'), s.endswith(('x', 'ld')), 'abc'.isalpha(), '12'.isdigit(), ' '.isspace())
print('ab'.center(6, '*'), 'ab'.ljust(4) + '|', 'ab'.rjust(4), '42'.zfill(5), '-42'.zfill(5))
print('a-b-c'.partition('-'), 'a-b-c'.rpartition('-'), 'a-b-c'.rsplit('-', 1))
print('%s is %d years and %.1f%%' % ('Al', 30, 99.5), '%r %5s|%-5s|' % ('x', 'ab', 'cd'))
print('ß'.upper(), 'İ'.lower() == 'i̇', 'ǅ'.title(), 'Straße'.casefold())
print('x' * 3, 'ab' + 'cd', 'abc'[::-1], 'b' in 'abc', 'tab\tsep'.expandtabs(4))
print('{:>5}'.format('r'), 'abc'.encode(), str(42), 'a1'.isalnum(), 'ABC'.isupper())
