# RecursionError while unwinding through try/finally blocks runs every finally.
depth = 0
unwound = 0
def dive():
    global depth, unwound
    depth += 1
    try:
        dive()
    finally:
        unwound += 1
try:
    dive()
except RecursionError as e:
    print('RecursionError', e)
print(depth == unwound)
