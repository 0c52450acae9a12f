# IndentationError and TabError from compile(), with their attributes.
sources = [
    'if 1:\nx = 1',
    '  x = 1',
    'if 1:\n        a = 1\n    b = 2',
    'if 1:\n        a = 1\n\tb = 2',
    'def f():\n    pass\n  return',
    'while 1:\n# comment only\n',
    'for i in x:\n\n\npass',
    'if 1:\n\tif 2:\n\t\tpass\n\t        pass',
]
for src in sources:
    try:
        compile(src, 'file.py', 'exec')
        print('compiled', repr(src))
    except SyntaxError as e:
        print(type(e).__name__, '|', e.msg, '|', e.lineno, e.offset, '|', repr(e.text))
print(issubclass(TabError, IndentationError), issubclass(IndentationError, SyntaxError))
