# input() prints its prompt, then raises EOFError at the end of input.
try:
    input('name? ')
except EOFError as e:
    print('EOFError', e)
input()
