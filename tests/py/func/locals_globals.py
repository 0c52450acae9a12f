# globals() and locals() contents.
g_value = 1
def f(a, b=2):
    c = 3
    return sorted(locals().items())
print(f(1))
print('g_value' in globals(), 'f' in globals(), globals()['g_value'])
globals()['created'] = 'via globals'
print(created)
print(sorted([k for k in globals() if not k.startswith('__')]))
print(globals()['__name__'])
def closure():
    free = 'free'
    def inner():
        return free, sorted(locals())
    x = free
    return inner()
print(closure())
