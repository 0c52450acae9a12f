# SyntaxError attributes from compile(): msg, lineno, offset and text.
sources = [
    'x = (1,',
    'x = 1 +',
    'if x\n    pass',
    'def f(a, a): pass',
    'return 1',
    'for x in y: break\nbreak',
    "'abc",
    '1 = 2',
    'f(x=1, x=2)',
    'a, *b, *c = d',
    'x = 0777',
    'x = [1, 2)',
    'del 1',
    'lambda: (x := 1) = 2',
    "f'{'",
    'x = 5 +* 3',
]
for src in sources:
    try:
        compile(src, '<test>', 'exec')
        print('compiled', repr(src))
    except SyntaxError as e:
        print(type(e).__name__, '|', e.msg, '|', e.lineno, e.offset, '|', repr(e.text), '|', e.filename)
