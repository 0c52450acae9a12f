# The parser allows 200 nested brackets; 201 is a SyntaxError.
print(eval('(' * 200 + '1' + ')' * 200))
print(len(eval('[' * 100 + ']' * 100)))
for n in (201, 1000):
    try:
        eval('(' * n + ')' * n)
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno)
try:
    eval('[' * 250 + ']' * 250)
except SyntaxError as e:
    print('SyntaxError', e.msg)
