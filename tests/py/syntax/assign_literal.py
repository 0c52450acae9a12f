# Assigning to a literal suggests ==.
x = 0
if 1 = x:
    pass
