# Tabs and spaces as CPython counts them: a tab is consistent with itself.
if True:
	print('tab indented')
	if True:
		print('two tabs')
if True:
    print('four spaces')
    if 1:
     print('five spaces')
def f():
	return 'tab body'
print(f())
