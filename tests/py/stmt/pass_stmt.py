# pass as a no-op body everywhere a block is needed.
def f():
    pass
print(f())
if True:
    pass
for _ in range(2):
    pass
while False:
    pass
try:
    pass
except Exception:
    pass
finally:
    pass
print('done')
