# Every str escape sequence.
print(repr('\\'), repr('\''), repr("\""), repr('\a\b\f\n\r\t\v'))
print(repr('\0'), repr('\07'), repr('\101'), repr('\x41'), repr('\x7f'))
print(repr('\u00e9'), repr('\u20ac'), repr('\U0001F600'))
print(len('\n'), len('\x00'), len('\U00010000'))
print('tab:\tend')
print('a\
b')
print(repr('\\q'), len('\\q'))
print(ord('\377'), ord('\x80'), ord('\uffff'))
print('\u0041\u0042', '\101\102')
