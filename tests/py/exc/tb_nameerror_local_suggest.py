# A misspelt local variable inside a function gets a suggestion from the locals.
def area(width, height):
    result = width * height
    return reslt
print(area(2, 3))
