# * unpacking after ** unpacking in a call.
a, k = [1], {}
print(**k, *a)
