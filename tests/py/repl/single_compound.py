# A compound statement entered as one REPL input (blank line ends the block).
src = '''def square(n):
    return n * n

'''
g = {}
exec(compile(src, '<stdin>', 'single'), g)
exec(compile('square(12)', '<stdin>', 'single'), g)
exec(compile('for c in "ab":\n    c.upper()\n\n', '<stdin>', 'single'), g)
try:
    compile('x = 1\ny = 2\n', '<stdin>', 'single')
except SyntaxError as e:
    print('SyntaxError', e.msg)
