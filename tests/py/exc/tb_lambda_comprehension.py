# Frames of lambdas and inlined comprehensions in a traceback.
f = lambda x: 1 / x
def apply(vals):
    return [f(v) for v in vals]
print(apply([1, 2]))
apply([1, 0])
