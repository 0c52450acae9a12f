# A binary operator with no right operand.
print('not run')
total = 1 +
