# -*- coding: utf-8 -*-
# A coding declaration is accepted; non-ASCII text in strings and comments.
s = 'naïve café – 😀'  # comment with ünïcode
print(s, len(s))
