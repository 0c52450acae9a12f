# return at module level.
print('not run')
return 5
