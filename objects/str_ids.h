/* str_ids: the static strings: the identifiers the runtime and the language
 * name, the 256 one-character Latin-1 strings and the empty string, as CPython
 * keeps them (_Py_ID, the Latin-1 singletons, the empty-string singleton).
 *
 * They are const, immortal obj_str_t objects: in flash on the boards, their
 * hash computed by the compiler (a static str cannot cache it at run time).
 * Interning finds them before its heap table (obj_str_intern returns
 * OBJ_ID(append) for any 'append'), so a lookup by a built-in name allocates
 * nothing and costs no RAM. C code names them by symbol: OBJ_ID(append).
 *
 * Adding a name is one line in OBJ_STR_IDS, kept in byte order (strcmp):
 * the lookup is a binary search over it, and tests/objects/test_str.c fails
 * when the order is broken. A name is at most OBJ_STR_ID_MAX bytes.
 */
#ifndef STR_IDS_H
#define STR_IDS_H

#include <stdint.h>

#include "objects/str.h"

/* clang-format off */
#define OBJ_STR_IDS(X)                                                                             \
    X(ArithmeticError) X(AssertionError) X(AttributeError) X(BaseException) X(Ellipsis)           \
    X(Exception) X(False) X(GeneratorExit) X(ImportError) X(IndexError) X(KeyError)               \
    X(KeyboardInterrupt) X(LookupError) X(MemoryError) X(NameError) X(None) X(NotImplemented)     \
    X(NotImplementedError) X(OSError) X(OverflowError) X(RecursionError) X(RuntimeError)          \
    X(StopAsyncIteration) X(StopIteration) X(SystemError) X(SystemExit) X(True) X(TypeError)      \
    X(UnicodeError) X(ValueError) X(ZeroDivisionError) X(__abs__) X(__add__) X(__aenter__)        \
    X(__aexit__) X(__aiter__) X(__all__) X(__and__) X(__anext__) X(__annotations__) X(__await__)  \
    X(__base__) X(__bases__) X(__bool__) X(__build_class__) X(__builtins__) X(__bytes__)          \
    X(__call__) X(__ceil__) X(__class__) X(__class_getitem__) X(__complex__) X(__contains__)      \
    X(__del__) X(__delattr__) X(__delete__) X(__delitem__) X(__dict__) X(__dir__) X(__divmod__)   \
    X(__doc__) X(__enter__) X(__eq__) X(__exit__) X(__file__) X(__float__) X(__floor__)           \
    X(__floordiv__) X(__format__) X(__ge__) X(__get__) X(__getattr__) X(__getattribute__)         \
    X(__getitem__) X(__gt__) X(__hash__) X(__iadd__) X(__iand__) X(__ifloordiv__) X(__ilshift__)  \
    X(__imod__) X(__import__) X(__imul__) X(__index__) X(__init__) X(__init_subclass__)           \
    X(__int__) X(__invert__) X(__ior__) X(__ipow__) X(__irshift__) X(__isub__) X(__iter__)        \
    X(__itruediv__) X(__ixor__) X(__le__) X(__len__) X(__length_hint__) X(__lshift__) X(__lt__)   \
    X(__main__) X(__missing__) X(__mod__) X(__module__) X(__mro__) X(__mul__) X(__name__)         \
    X(__ne__) X(__neg__) X(__new__) X(__next__) X(__or__) X(__pos__) X(__pow__) X(__qualname__)   \
    X(__radd__) X(__rand__) X(__rdivmod__) X(__reduce__) X(__repr__) X(__reversed__)              \
    X(__rfloordiv__) X(__rlshift__) X(__rmod__) X(__rmul__) X(__ror__) X(__round__) X(__rpow__)   \
    X(__rrshift__) X(__rshift__) X(__rsub__) X(__rtruediv__) X(__rxor__) X(__set__)               \
    X(__set_name__) X(__setattr__) X(__setitem__) X(__sizeof__) X(__slots__) X(__str__)           \
    X(__sub__) X(__truediv__) X(__trunc__) X(__weakref__) X(__xor__) X(abs) X(aiter) X(all)       \
    X(anext) X(any) X(append) X(args) X(as_integer_ratio) X(ascii) X(bin) X(bit_count)            \
    X(bit_length) X(bool) X(breakpoint) X(bytearray) X(byteorder) X(bytes) X(callable)            \
    X(capitalize) X(casefold) X(center) X(chr) X(classmethod) X(clear) X(compile) X(complex)      \
    X(conjugate) X(copy) X(count) X(decode) X(default) X(delattr) X(denominator) X(dict)          \
    X(difference) X(difference_update) X(dir) X(discard) X(divmod) X(encode) X(encoding) X(end)   \
    X(endswith) X(enumerate) X(errors) X(eval) X(exec) X(expandtabs) X(extend) X(file) X(filter)  \
    X(find) X(float) X(flush) X(format) X(format_map) X(from_bytes) X(fromhex) X(fromkeys)        \
    X(frozenset) X(get) X(getattr) X(globals) X(hasattr) X(hash) X(help) X(hex) X(id) X(imag)     \
    X(index) X(input) X(insert) X(int) X(intersection) X(intersection_update) X(is_integer)       \
    X(isalnum) X(isalpha) X(isascii) X(isdecimal) X(isdigit) X(isdisjoint) X(isidentifier)        \
    X(isinstance) X(islower) X(isnumeric) X(isprintable) X(isspace) X(issubclass) X(issubset)     \
    X(issuperset) X(istitle) X(isupper) X(items) X(iter) X(join) X(keepends) X(key) X(keys)       \
    X(kwargs) X(len) X(list) X(ljust) X(locals) X(lower) X(lstrip) X(maketrans) X(map) X(max)     \
    X(maxsplit) X(memoryview) X(min) X(next) X(numerator) X(object) X(oct) X(open) X(ord)         \
    X(partition) X(pop) X(popitem) X(pow) X(print) X(property) X(range) X(real) X(remove)         \
    X(removeprefix) X(removesuffix) X(replace) X(repr) X(reverse) X(reversed) X(rfind) X(rindex)  \
    X(rjust) X(round) X(rpartition) X(rsplit) X(rstrip) X(self) X(sep) X(set) X(setattr)          \
    X(setdefault) X(signed) X(slice) X(sort) X(sorted) X(split) X(splitlines) X(start)            \
    X(startswith) X(staticmethod) X(step) X(stop) X(str) X(strip) X(sum) X(super) X(swapcase)     \
    X(symmetric_difference) X(symmetric_difference_update) X(title) X(to_bytes) X(translate)      \
    X(tuple) X(type) X(union) X(update) X(upper) X(values) X(vars) X(zfill) X(zip)
/* clang-format on */

#define OBJ_STR_ID_MAX 32

/* FNV-1a (obj_str_hash_bytes), shared with the compile-time form below. */
#define OBJ_STR_FNV_BASIS                                                                          \
    (sizeof(uintptr_t) == 8 ? (uintptr_t)0xcbf29ce484222325ull : (uintptr_t)0x811c9dc5u)
#define OBJ_STR_FNV_PRIME                                                                          \
    (sizeof(uintptr_t) == 8 ? (uintptr_t)0x100000001b3ull : (uintptr_t)0x01000193u)

/* A static str of n bytes with its NUL: obj_str_t's layout with a sized data
 * array (a flexible one cannot be initialised inside a struct or an array). */
#define OBJ_STR_STATIC(n)                                                                          \
    struct {                                                                                       \
        obj_var_t base;                                                                            \
        obj_ssize_t length;                                                                        \
        obj_hash_t hash;                                                                           \
        uint8_t interned;                                                                          \
        char data[n];                                                                              \
    }

/* Members are prefixed: some names are C keywords (int, default). */
#define OBJ_STR_ID_MEMBER(name) OBJ_STR_STATIC(sizeof #name) id_##name;
struct obj_str_ids {
    OBJ_STR_IDS(OBJ_STR_ID_MEMBER)
};
typedef OBJ_STR_STATIC(3) obj_str_char_t; /* one code point < 256: at most 2 UTF-8 bytes */
typedef OBJ_STR_STATIC(1) obj_str_empty_t;

extern const struct obj_str_ids obj_str_ids;
extern const obj_str_char_t obj_str_ids_latin1[256];
extern const obj_str_empty_t obj_str_ids_empty;

/* Borrowed (immortal) reference to the static str of a name in OBJ_STR_IDS. */
#define OBJ_ID(name) ((obj_t *)&obj_str_ids.id_##name)

/* The one-character str of code point c (c < 256). Immortal. */
static inline obj_t *obj_str_ids_char(uint32_t c)
{
    return (obj_t *)&obj_str_ids_latin1[c];
}

/* The empty str. Immortal. */
static inline obj_t *obj_str_ids_empty_str(void)
{
    return (obj_t *)&obj_str_ids_empty;
}

/* The static str equal to these n bytes of valid UTF-8 (a name, one Latin-1
 * character or the empty string), or NULL. Allocates nothing. */
obj_t *obj_str_ids_find(const char *text, size_t n);

#endif /* STR_IDS_H */
