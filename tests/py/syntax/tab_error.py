# Tabs and spaces mixed so that the meaning depends on the tab size.
if True:
        a = 1
	b = 2
