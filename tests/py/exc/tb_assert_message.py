# An uncaught failed assert with a message.
def positive(n):
    assert n > 0, f'expected a positive number, got {n}'
    return n
positive(5)
positive(-2)
