# A round-robin scheduler over lists of work items.
tasks = {'a': 5, 'b': 2, 'c': 4}
queue = list(tasks)
tick = 0
order = []
while queue:
    name = queue.pop(0)
    tasks[name] -= 1
    tick += 1
    order.append(name)
    if tasks[name]:
        queue.append(name)
    else:
        print(f'{name} done at tick {tick}')
print(''.join(order))
