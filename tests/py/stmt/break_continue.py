# break and continue inside try/finally run the finally block.
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print('body', i)
    finally:
        print('finally', i)
n = 0
while True:
    n += 1
    try:
        if n < 3:
            continue
        break
    finally:
        print('fin', n)
def f():
    for i in range(5):
        try:
            return i
        finally:
            print('cleanup', i)
print(f())
