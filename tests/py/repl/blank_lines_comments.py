# Blank lines, comment-only lines and trailing whitespace inside blocks.
def f():

    x = 1
    # comment in the middle

    return x   
   
print(f())
if True:
    pass

    # after a blank line
    print('in block')
print('end')   
