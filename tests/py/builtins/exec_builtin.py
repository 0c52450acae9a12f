# exec() of statements in given namespaces; it returns None.
g = {}
print(exec('a = 1\nb = a + 1', g), g['a'], g['b'])
exec('def f(n):\n    return n * 3', g)
print(g['f'](4))
l = {}
exec('z = 5', {}, l)
print(l)
exec('for i in range(3):\n    print("loop", i)')
exec('global_from_exec = "set"')
print(global_from_exec)
code = compile('print("compiled", 1 + 1)', '<string>', 'exec')
exec(code)
exec('x = 1; y = 2; print(x + y)')
try:
    exec('raise KeyError("inside exec")')
except KeyError as e:
    print('KeyError', e)
try:
    exec('1 +')
except SyntaxError as e:
    print('SyntaxError', e.msg, e.lineno, e.offset, e.filename)
