# A whole script as it would arrive over the raw REPL: definitions, then use.
def greet(name, punct='!'):
    return 'Hello, ' + name + punct
names = ['Ada', 'Linus', 'Grace']
for n in names:
    print(greet(n))
print(greet('you', punct='?'))
result = {n: len(n) for n in names}
print(result)
