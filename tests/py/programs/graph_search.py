# Breadth-first and depth-first search over an adjacency dict.
graph = {'a': ['b', 'c'], 'b': ['d'], 'c': ['d', 'e'], 'd': ['f'], 'e': ['f'], 'f': []}
def bfs(start):
    seen, order, frontier = {start}, [], [start]
    while frontier:
        node = frontier.pop(0)
        order.append(node)
        for n in graph[node]:
            if n not in seen:
                seen.add(n)
                frontier.append(n)
    return order
def dfs(node, seen=None):
    seen = [] if seen is None else seen
    seen.append(node)
    for n in graph[node]:
        if n not in seen:
            dfs(n, seen)
    return seen
print(bfs('a'), dfs('a'))
def paths(a, b):
    if a == b:
        return [[b]]
    return [[a] + p for n in graph[a] for p in paths(n, b)]
print(paths('a', 'f'))
