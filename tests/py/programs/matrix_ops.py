# Matrix multiply, transpose and powers with nested lists.
def matmul(a, b):
    return [[sum([x * y for x, y in zip(row, col)]) for col in zip(*b)] for row in a]
def transpose(m):
    return [list(r) for r in zip(*m)]
def identity(n):
    return [[int(i == j) for j in range(n)] for i in range(n)]
def mpow(m, k):
    r = identity(len(m))
    while k:
        if k & 1:
            r = matmul(r, m)
        m = matmul(m, m)
        k >>= 1
    return r
a = [[1, 2], [3, 4]]
print(matmul(a, a), transpose([[1, 2, 3], [4, 5, 6]]))
print(mpow([[1, 1], [1, 0]], 90)[0][1])
for row in matmul(identity(3), [[1, 2, 3], [4, 5, 6], [7, 8, 9]]):
    print(' '.join([f'{v:3}' for v in row]))
