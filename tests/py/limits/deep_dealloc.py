# Freeing a long chain of nested containers does not recurse without bound.
for kind in ('list', 'tuple', 'dict'):
    x = None
    for i in range(50000):
        if kind == 'list':
            x = [x]
        elif kind == 'tuple':
            x = (x,)
        else:
            x = {'k': x}
    del x
    print(kind, 'freed')
