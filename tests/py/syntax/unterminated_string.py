# A string literal missing its closing quote.
name = 'abc
print(name)
