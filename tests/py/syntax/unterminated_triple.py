# A triple-quoted string never closed.
print('not run')
doc = """starts here
and never
ends
