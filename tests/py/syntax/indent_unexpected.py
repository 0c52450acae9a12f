# An indented line where no block starts.
x = 1
    y = 2
