# del of a function call.
del print()
