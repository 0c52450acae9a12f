# An uncaught SyntaxError from eval() inside a function.
def calc(expr):
    return eval(expr)
print(calc('6 * 7'))
print(calc('6 * * 7'))
