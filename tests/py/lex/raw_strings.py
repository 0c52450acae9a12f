# Raw strings keep backslashes.
print(r'\n', R'\t', r'\\', r'\'')
print(len(r'\n'), len('\n'))
print(repr(r'a\b\c'))
print(r'C:\path\to\file')
print(r"\x41", r'\u0041')
print(rb'\x00'.hex())
print(r'\"' == '\\"')
print(r'''multi
\line''')
