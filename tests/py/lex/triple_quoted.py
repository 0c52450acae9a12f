# Triple-quoted strings span lines and keep quotes.
s = """one
two 'single' "double"
three"""
print(s)
print(s.count('\n'))
t = '''a
b\
c'''
print(repr(t))
print("""x""" == 'x', '''''' == '')
u = """He said "hi" """
print(u)
print(repr("""\
start"""))
