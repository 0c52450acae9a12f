# A script whose last line has no newline still runs.
def f():
    return 'last line'
print(f())
print('no newline at end')