# repr of a very deeply nested list raises RecursionError instead of
# overflowing the C stack; shallow nesting prints.
l = []
for i in range(20):
    l = [l]
print(repr(l))
deep = []
for i in range(20000):
    deep = [deep]
try:
    repr(deep)
except RecursionError as e:
    print('RecursionError', e)
del deep
print('freed')
