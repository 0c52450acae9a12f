# compile() in its three modes and the errors of bad arguments.
c = compile('x = 2\nprint(x * 21)', 'prog', 'exec')
exec(c)
print(eval(compile('[1, 2][-1]', 'e', 'eval')))
exec(compile('1 + 1', 's', 'single'))
exec(compile('None', 's', 'single'))
print(type(c).__name__)
def t(*args):
    try:
        compile(*args)
        print('ok')
    except Exception as e:
        print(type(e).__name__, e)
t('x', 'f', 'bad')
t('x = 1', 'f', 'eval')
t('if 1:\n pass\n', 'f', 'exec')
t('1 2', 'name', 'exec')
t('a\nb', 'f', 'single')
