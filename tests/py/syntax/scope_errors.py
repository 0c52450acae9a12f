# Scope declarations the compiler rejects, compiled from strings.
sources = [
    'def f(x):\n    global x',
    'def f(x):\n    def g():\n        pass\n    nonlocal x',
    'def f():\n    print(y)\n    global y',
    'def f():\n    y = 1\n    def g():\n        print(y)\n        nonlocal y',
    'def f():\n    global z\n    nonlocal z',
    'nonlocal q',
    'def f():\n    def g():\n        nonlocal undefined_anywhere',
    'def f(a, *, a):\n    pass',
    'lambda a, a: 0',
]
for src in sources:
    try:
        compile(src, '<scope>', 'exec')
        print('compiled')
    except SyntaxError as e:
        print(type(e).__name__, '|', e.msg, '|', e.lineno)
