# Tabs and spaces mixed consistently: a nested block may add spaces after
# the tab of its parent block, and CPython accepts it.
def f(n):
	if n:
	    return 'tab then spaces'
	return 'tab only'
print(f(1), f(0))
if True:
	x = 1
	if x:
	        print('tab then eight spaces')
	print('back to one tab')
