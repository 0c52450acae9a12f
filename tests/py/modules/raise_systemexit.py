# An uncaught SystemExit with a non-integer code prints it and exits 1.
def shutdown():
    raise SystemExit(['not', 'an', 'int'])
shutdown()
