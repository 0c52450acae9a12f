# UnboundLocalError: a local read before its assignment.
total = 10
def add(n):
    total = total + n
    return total
add(5)
