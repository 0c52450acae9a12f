# Identifiers may be non-ASCII; keywords are reserved.
café = 1
π = 3.14
名前 = 'name'
_x = 2
__y__ = 3
x1_2 = 4
print(café, π, 名前, _x, __y__, x1_2)
print('café'.isidentifier(), '1x'.isidentifier(), 'if'.isidentifier())
Ωmega = 'ok'
print(Ωmega)
