# Fibonacci four ways: recursion, iteration, memo dict, and big numbers.
def rec(n):
    return n if n < 2 else rec(n - 1) + rec(n - 2)
def it(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
memo = {0: 0, 1: 1}
def mem(n):
    if n not in memo:
        memo[n] = mem(n - 1) + mem(n - 2)
    return memo[n]
print([rec(i) for i in range(15)])
print(it(90), mem(90), it(300))
print(all([rec(i) == it(i) == mem(i) for i in range(20)]))
