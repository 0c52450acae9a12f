# Exceptions raised and handled inside loops, continue/break in handlers.
results = []
for s in ['1', 'x', '3', '', '5']:
    try:
        results.append(int(s))
    except ValueError:
        results.append(None)
        continue
print(results)
i = 0
while True:
    try:
        i += 1
        if i == 3:
            raise StopIteration('stop')
    except StopIteration as e:
        print('stopped with', e)
        break
print(i)
count = 0
for i in range(100):
    try:
        raise KeyError(i)
    except KeyError:
        count += 1
print(count)
