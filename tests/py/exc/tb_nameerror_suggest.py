# NameError with a "Did you mean" suggestion in the traceback.
counter = 0
def bump():
    return countr + 1
bump()
