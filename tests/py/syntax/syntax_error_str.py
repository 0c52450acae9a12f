# str() and args of SyntaxError instances.
try:
    compile('x = = 1', 'name.py', 'exec')
except SyntaxError as e:
    print(str(e))
    print(e.args[0], e.args[1][:3])
try:
    exec('if True\n  pass')
except SyntaxError as e:
    print(str(e))
e = SyntaxError('custom message')
print(str(e), e.msg, e.lineno, e.offset, e.text, e.filename)
try:
    raise IndentationError('made up', ('f.py', 3, 2, 'bad line\n'))
except SyntaxError as err:
    print(type(err).__name__, err, err.lineno, err.offset, repr(err.text))
