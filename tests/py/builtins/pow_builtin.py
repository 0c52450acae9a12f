# pow() with two and three arguments.
print(pow(2, 10), pow(2, -2), pow(-2, 3), pow(2.0, 3), pow(4, 0.5), pow(0, 0))
print(pow(3, 4, 5), pow(2, 100, 1000), pow(-3, 3, 7), pow(5, -1, 7), pow(38, -1, 97))
print(pow(10, 30, 7), pow(base=2, exp=5), pow(2, 3, mod=3))
def t(*a):
    try:
        print(pow(*a))
    except Exception as e:
        print(type(e).__name__, e)
t(2, 3, 0)
t(2.0, 3, 4)
t(2, -1, 4)
t(0, -1)
t('a', 2)
