# The REPL's echo stores the value in _ (in the builtins); None is neither
# echoed nor stored.
exec(compile('6 * 7', '<stdin>', 'single'))
print(_)
exec(compile('None', '<stdin>', 'single'))
print(_)
exec(compile("'abc'.upper()", '<stdin>', 'single'))
print(_, __builtins__._)
exec(compile('_ * 2', '<stdin>', 'single'))
