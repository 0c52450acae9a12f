# == of two very deeply nested lists raises RecursionError.
a = []
b = []
for i in range(20000):
    a = [a]
    b = [b]
try:
    print(a == b)
except RecursionError as e:
    print('RecursionError', e)
x = [[[1]]]
print(x == [[[1]]], x < [[[2]]])
