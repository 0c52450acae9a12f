# Tracebacks name nested functions by their plain name.
def outer():
    def middle():
        def inner():
            return [].pop()
        return inner()
    return middle()
outer()
