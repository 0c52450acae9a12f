# id() is stable for an object's lifetime and distinct between live objects.
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), id(a) == id(a))
print(type(id(a)).__name__, id(None) == id(None))
keep = [[] for _ in range(10)]
print(len({id(x) for x in keep}))
