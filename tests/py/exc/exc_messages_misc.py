# Messages of the remaining exception types a program meets.
def t(f):
    try:
        print(f())
    except BaseException as e:
        print(type(e).__name__, repr(str(e)))
def raiser(cls, *args):
    def f():
        raise cls(*args)
    return f
t(lambda: next(iter([])))
t(lambda: next(iter({}), None) or next(iter(())))
t(raiser(NotImplementedError, 'not yet'))
t(raiser(RuntimeError))
t(raiser(KeyboardInterrupt))
t(raiser(MemoryError))
t(raiser(EOFError, 'eof'))
t(raiser(OSError, 'device'))
t(raiser(SystemError, 'internal'))
t(raiser(GeneratorExit))
t(raiser(AttributeError, 'attr', 1))
t(lambda: {}.fromkeys(1))
t(lambda: ''.join(5))
t(lambda: [1, 2].sort(key=5))
