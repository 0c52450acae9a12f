# if/elif/else chains and truthiness of built-in values.
def classify(n):
    if n < 0:
        return 'neg'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    else:
        return 'big'
print([classify(n) for n in (-5, 0, 3, 50)])
for v in (0, 1, '', 'a', [], [0], {}, None, 0.0, range(0), range(1)):
    if v:
        print(repr(v), 'true')
    else:
        print(repr(v), 'false')
if 1: print('one-line if')
if 0: pass
else: print('one-line else')
