# Long flat expressions and many statements compile and run.
print(eval('+'.join(['1'] * 1000)))
print(eval(' and '.join(['1'] * 500)), eval(' or '.join(['0'] * 500)))
print(len(eval('[' + ', '.join([str(i) for i in range(2000)]) + ']')))
src = '\n'.join(['x%d = %d' % (i, i) for i in range(500)]) + '\nresult = x0 + x499'
g = {}
exec(src, g)
print(g['result'])
print(eval('1' + ' < 2' * 300))
