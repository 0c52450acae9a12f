# Lambdas close over variables like def does.
def mult(n):
    return lambda x: x * n
double, triple = mult(2), mult(3)
print(double(5), triple(5))
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
y = 1
get = lambda: y
y = 2
print(get())
print((lambda *a, **k: (a, k))(1, x=2))
print((lambda a, b=2, *, c=3: a + b + c)(1))
