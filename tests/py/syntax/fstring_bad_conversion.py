# An f-string conversion other than !r !s !a.
x = 1
print(f'{x!z}')
