# \N{...} escapes look characters up by their Unicode name.
print(repr('\N{LATIN SMALL LETTER A}'), repr('\N{EURO SIGN}'))
print(repr('\N{GRINNING FACE}'), len('\N{BULLET}'))
print('\N{latin small letter e with acute}' == 'é')
print(r'\N{BULLET}', len(r'\N{BULLET}'))
