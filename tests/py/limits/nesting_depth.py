# Bounds on nesting in the compiler: 100 indentation levels, 20 nested blocks.
def nested_ifs(n):
    return ''.join([' ' * i + 'if 1:\n' for i in range(n)]) + ' ' * n + 'x = 1\n'
def nested_fors(n):
    return ''.join([' ' * i + 'for i%d in [0]:\n' % i for i in range(n)]) + ' ' * n + 'pass\n'
for make, n in ((nested_ifs, 50), (nested_ifs, 99), (nested_ifs, 100), (nested_ifs, 150),
                (nested_fors, 19), (nested_fors, 20), (nested_fors, 21)):
    try:
        exec(make(n), {})
        print(make.__name__, n, 'ok')
    except SyntaxError as e:
        print(make.__name__, n, type(e).__name__, e.msg, e.lineno)
