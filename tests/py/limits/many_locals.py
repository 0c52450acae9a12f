# A function with many locals, arguments and constants.
names = ['v%d' % i for i in range(300)]
src = 'def big(' + ', '.join(names[:100]) + '):\n'
src += ''.join(['    %s = %d\n' % (n, i) for i, n in enumerate(names[100:], 100)])
src += '    return ' + ' + '.join(names) + '\n'
g = {}
exec(src, g)
print(g['big'](*range(100)))
print(sum(range(300)))
