# An uncaught SyntaxError from exec() shows the string's line and caret.
print('before')
source = 'a = 1\nb = (a +\n'
exec(source)
