# A dict display with a key and no value.
d = {'a': }
