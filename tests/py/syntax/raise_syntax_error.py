# An uncaught SyntaxError raised by the program prints like a parser error.
def check():
    raise SyntaxError('invalid thing', ('config.txt', 2, 7, 'key = = value\n'))
check()
