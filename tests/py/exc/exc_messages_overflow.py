# OverflowError and index-size errors; every value here is out of range on
# 32-bit and 64-bit targets alike.
big = 2 ** 64
def t(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: [0] * big)
t(lambda: 'ab' * big)
t(lambda: [1, 2][big])
t(lambda: 'abc'[-big])
t(lambda: len(range(big)))
t(lambda: float(10 ** 400))
t(lambda: 10 ** 400 / 1)
t(lambda: chr(big))
t(lambda: (256).to_bytes(1, 'big'))
t(lambda: (-1).to_bytes(1, 'big'))
t(lambda: round(float('inf')))
t(lambda: int(float('-inf')))
print(range(big)[-1] == big - 1, [1, 2, 3][:big], 'abc'[-big:])
