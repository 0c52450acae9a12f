# Errors in 'single' mode: a SyntaxError, then a runtime error, each reported
# while the program goes on, as the REPL does after a bad line.
import sys
for src in ('1 +', 'undefined_name', '1 / 0', 'x = [', 'def f():\n    return 1\n\nf()\n'):
    try:
        exec(compile(src, '<stdin>', 'single'))
    except Exception as e:
        print(type(e).__name__ + ':', e)
print('still here')
