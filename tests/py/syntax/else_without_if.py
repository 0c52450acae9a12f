# An else that belongs to nothing.
x = 1
else:
    pass
