# The traceback line of a call spread over several lines.
def f(a, b):
    return a + b
x = f(1,
      2)
print(x)
y = f(
    'a',
    3,
)
