# eval() of expressions with globals and locals.
print(eval('1 + 2 * 3'), eval('[x * 2 for x in range(3)]'), eval('  42  '))
x = 10
print(eval('x + 1'), eval('x + y', {'x': 1, 'y': 2}), eval('x', {}, {'x': 'local'}))
g = {}
print(eval('len("abc")', g), '__builtins__' in g)
print(eval('lambda a: a + 1')(1))
print(eval(compile('3 ** 2', '<expr>', 'eval')))
def t(src):
    try:
        print(eval(src))
    except Exception as e:
        print(type(e).__name__, e)
t('1 / 0')
t('undefined')
t('x = 1')
t('(')
t('')
t(5)
