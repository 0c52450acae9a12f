# An uncaught exception three calls deep: one traceback line per frame.
def level3(x):
    return 10 // x
def level2(x):
    y = x - 1
    return level3(y)
def level1():
    print('calling')
    return level2(1)
level1()
