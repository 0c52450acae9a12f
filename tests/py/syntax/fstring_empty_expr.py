# An f-string replacement field with no expression.
print(f'value: {}')
