# A reverse-Polish calculator with error reporting.
def rpn(expr):
    ops = {'+': lambda a, b: a + b, '-': lambda a, b: a - b,
           '*': lambda a, b: a * b, '/': lambda a, b: a / b}
    stack = []
    for tok in expr.split():
        if tok in ops:
            b, a = stack.pop(), stack.pop()
            stack.append(ops[tok](a, b))
        else:
            stack.append(int(tok))
    (result,) = stack
    return result
for e in ('3 4 +', '5 1 2 + 4 * + 3 -', '2 3 4', '1 +', '4 0 /', '7 x *', '10 4 /'):
    try:
        print(e, '=', rpn(e))
    except Exception as err:
        print(e, '->', type(err).__name__, err)
