# AttributeError with a "Did you mean" suggestion in the traceback.
items = [3, 1, 2]
items.sort()
items.apend(4)
