# Code compiled in 'single' mode echoes expression values with repr, as the REPL does.
def run(src):
    exec(compile(src, '<stdin>', 'single'))
run('1 + 1')
run("'text'")
run('None')
run('[1, 2] * 2')
run('x = 5')
run('if True:\n    7\n    8\n')
run('for i in range(3): i\n')
run('print("printed")')
run('(1, "a", None)')
