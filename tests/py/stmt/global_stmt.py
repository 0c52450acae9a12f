# global declarations at function level.
count = 0
def inc():
    global count
    count += 1
inc(); inc()
print(count)
def make():
    global created
    created = 'yes'
make()
print(created)
def read():
    return count
print(read())
def shadow():
    count = 100
    return count
print(shadow(), count)
def multi():
    global a, b
    a, b = 1, 2
multi()
print(a, b)
