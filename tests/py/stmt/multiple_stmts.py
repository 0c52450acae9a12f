# Several statements on one line with semicolons.
a = 1; b = 2; print(a + b)
x = [];x.append(1);x.append(2);print(x)
if a: print('a'); print('b')
for i in range(2): print(i); print(-i)
def f(): return 'f'
print(f());
