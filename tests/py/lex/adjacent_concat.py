# Adjacent string literals are joined at compile time.
print('a' 'b' "c")
print('one' r'\two' '''three''')
x = ('split '
     'over '
     "lines")
print(x)
print(len('ab' 'cd'))
print('x' f'{1+1}' 'y')
print(b'a' b'\x00' b'c')
