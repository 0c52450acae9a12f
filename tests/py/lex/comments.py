# Comments anywhere a line may end.
x = 1  # trailing comment
# a full-line comment
    # an indented comment line is fine
y = [1,  # inside brackets
     2]  # after
print(x, y)  # print
s = '# not a comment'
print(s)
def f():
    # comment before body
    return 3  # comment

# blank lines and comments between statements

print(f())
#no space
print('#' * 3)
