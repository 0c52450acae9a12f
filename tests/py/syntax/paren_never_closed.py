# An unclosed bracket at the end of the file.
print('not run')
x = (1, 2
