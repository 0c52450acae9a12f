# A Python function called from a builtin (sorted's key) raises.
def key(v):
    return v['k']
data = [{'k': 2}, {'k': 1}, {}]
print(sorted(data[:2], key=key))
sorted(data, key=key)
