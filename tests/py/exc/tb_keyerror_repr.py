# KeyError's message in a traceback is the key's repr.
d = {}
d[('a', 1)]
