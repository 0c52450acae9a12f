# return inside try/finally; finally can override the value.
def f():
    try:
        return 'try'
    finally:
        print('finally runs')
print(f())
def g():
    try:
        return 'try'
    finally:
        return 'finally'
print(g())
def h():
    try:
        1 / 0
    finally:
        return 'swallowed'
print(h())
def k():
    x = [1]
    try:
        return x
    finally:
        x.append(2)
print(k())
