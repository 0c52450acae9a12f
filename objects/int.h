/* int: arbitrary-precision integers, with CPython 3.12's semantics.
 *
 * Representation (CPython's up to 3.11): a variable-size object whose size is
 * the signed number of 30-bit digits, least significant digit first. The sign
 * lives in the size, so the digits hold the magnitude.
 *
 *   obj_int_t, 32-bit target            value = sign(size) * sum digit[i] * 2^(30 i)
 *   +--------+--------+--------+----------+----------+-----
 *   | refcnt |  type  |  size  | digit[0] | digit[1] | ...   (|size| digits)
 *   +--------+--------+--------+----------+----------+-----
 *   0        4        8        12         16
 *
 *   size:   0 -> the value 0 (no digits); +n -> positive, n digits; -n -> negative
 *   digit:  31 30 29                            0
 *          +--+--+-------------------------------+
 *          | 0| 0|  30 bits of the magnitude     |
 *          +--+--+-------------------------------+
 *
 * Invariants: the top digit (digit[|size| - 1]) is nonzero; and the values
 * -5..256 exist only as the immortal cached objects (int.c keeps them in a
 * const array, in flash on the target), so every operation that produces one
 * returns the cached object. True and False are static int-layout objects of
 * type bool with the value 1 and 0 (OBJ_INT_STATIC below).
 *
 * Why 30-bit digits on a 32-bit core: a digit product plus carries fits a
 * uint64_t (UMULL on Cortex-M3), and there are half as many digits as with 15-bit
 * ones. Sizes on the 32-bit target (12-byte header, mm's 8-byte classes):
 * 2^30 + 1 has 2 digits, 20 -> 24 bytes; a 300-bit int has 10 digits, 52 -> 56.
 *
 * Values of at most two digits (|v| < 2^60) are "medium": arithmetic on two
 * medium operands runs on int64_t without digit loops or temporaries.
 */
#ifndef INT_H
#define INT_H

#include "objects/object.h"

#define OBJ_INT_SHIFT 30
#define OBJ_INT_BASE  ((uint32_t)1 << OBJ_INT_SHIFT)
#define OBJ_INT_MASK  (OBJ_INT_BASE - 1)
/* The cached small ints. */
#define OBJ_INT_SMALL_MIN (-5)
#define OBJ_INT_SMALL_MAX 256

typedef uint32_t obj_int_digit_t;

typedef struct {
    obj_var_t base;           /* base.size: signed digit count */
    obj_int_digit_t digit[1]; /* |size| digits on the heap; static objects have one */
} obj_int_t;

/* Initialiser of a static int-layout object with a value |v| < 2^30:
 * `const obj_int_t obj_true_object = OBJ_INT_STATIC(&obj_type_bool, 1);` */
/* clang-format off */
#define OBJ_INT_STATIC(type_ptr, v)                                                                \
    {.base = {OBJ_HEAD_INIT(type_ptr), ((v) > 0) - ((v) < 0)},                                     \
     .digit = {(obj_int_digit_t)((v) < 0 ? -(v) : (v))}}
/* clang-format on */

extern const obj_type_t obj_type_int;

/* int or a subclass (bool). */
static inline int obj_int_check(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_INT_SUBCLASS) != 0;
}

static inline int obj_int_check_exact(const obj_t *o)
{
    return o->type == &obj_type_int;
}

/* ---- making ints -----------------------------------------------------------
 * All return a new reference (the cached object for -5..256), or NULL with
 * MemoryError. */
obj_t *obj_int_from_i64(int64_t v);
obj_t *obj_int_from_u64(uint64_t v);
obj_t *obj_int_from_ssize(obj_ssize_t v);
/* int(d): truncates toward zero. OverflowError for an infinity, ValueError for
 * a NaN (CPython's messages). */
obj_t *obj_int_from_double(double d);
/* int(text, base), CPython's syntax: base 0 or 2..36; surrounding whitespace
 * (ASCII, and the Unicode spaces str.isspace() knows); a sign; the prefixes
 * 0x/0o/0b when base is 0 or matches; single underscores between digits (and
 * after a prefix); with base 0 a nonzero decimal must not start with 0.
 * `text` is UTF-8 (n bytes; it may contain NULs, which are invalid). Errors
 * (ValueError): "invalid literal for int() with base B: '...'" (repr of the
 * text, cut to 200 characters), "int() base must be >= 2 and <= 36, or 0", and
 * the digit limit for bases that are not powers of two (see
 * obj_int_set_max_str_digits). Unicode decimal digits other than ASCII are not
 * accepted (CPython accepts them). */
obj_t *obj_int_from_string(const char *text, size_t n, int base);

/* ---- reading ints -----------------------------------------------------------
 * `o` must be an int (or bool): these do not type-check. */

/* 0 and *out = the value; -1 with OverflowError when it does not fit. */
int obj_int_as_i64(obj_t *o, int64_t *out);
/* The value; -1 with OverflowError when it does not fit (check
 * obj_err_occurred() when -1 is possible), as CPython's PyLong_AsSsize_t. */
obj_ssize_t obj_int_as_ssize(obj_t *o);
/* float(o), correctly rounded (half to even). On OverflowError ("int too large
 * to convert to float") returns -1.0: check obj_err_occurred(). */
double obj_int_as_double(obj_t *o);
/* m and *exp with o ~= m * 2^*exp, 0.5 <= |m| < 1 (m = 0, *exp = 0 for zero),
 * m being o's top 53 bits correctly rounded. Never fails. */
double obj_int_frexp(obj_t *o, int64_t *exp);
/* -1, 0 or 1 as a < b, a == b, a > b. No error possible. */
int obj_int_compare(obj_t *a, obj_t *b);
/* -1, 0 or 1. */
int obj_int_sign(obj_t *o);
/* Bits of |o| (int.bit_length()); 0 for zero. */
size_t obj_int_bit_length(obj_t *o);

/* Text in `base` (2..36), lowercase digits, '-' for negatives. Bases 2, 8 and
 * 16 carry the prefix of bin(), oct() and hex() ("-0x1f"); base 10 is str()
 * and is subject to the digit limit; other bases have no prefix. New
 * reference, or NULL with ValueError or MemoryError. */
obj_t *obj_int_to_string(obj_t *o, int base);

/* The limit on decimal digits converted between str and int (CPython 3.12's
 * sys.set_int_max_str_digits; default 4300; 0 means no limit). Setting a value
 * other than 0 below 640 fails: -1 with ValueError. */
int obj_int_get_max_str_digits(void);
int obj_int_set_max_str_digits(int maxdigits);

/* ---- the type's slots --------------------------------------------------------
 * Exported so that bool (objects/singletons.c) and the VM's fast paths can use
 * them. Operands may be any objects: a binary operation returns
 * obj_not_implemented (new reference) unless both are ints (bools included);
 * results are always of type int. New references, NULL with an error. */
obj_t *obj_int_add(obj_t *a, obj_t *b);
obj_t *obj_int_subtract(obj_t *a, obj_t *b);
obj_t *obj_int_multiply(obj_t *a, obj_t *b);
/* a % b and a // b with Python's floor rules; ZeroDivisionError. */
obj_t *obj_int_remainder(obj_t *a, obj_t *b);
obj_t *obj_int_floor_divide(obj_t *a, obj_t *b);
/* (a // b, a % b), a tuple. */
obj_t *obj_int_divmod(obj_t *a, obj_t *b);
/* a / b as a float, correctly rounded; ZeroDivisionError, OverflowError. */
obj_t *obj_int_true_divide(obj_t *a, obj_t *b);
/* a ** b, or pow(a, b, m) when m is not obj_none. A negative b without m gives
 * a float, as CPython; with m it uses the inverse of a modulo m (ValueError
 * when there is none). */
obj_t *obj_int_power(obj_t *a, obj_t *b, obj_t *m);
/* Shifts: ValueError for a negative count; OverflowError ("too many digits in
 * integer") for a result too large to represent. */
obj_t *obj_int_lshift(obj_t *a, obj_t *b);
obj_t *obj_int_rshift(obj_t *a, obj_t *b);
/* Bitwise operations on the infinite two's-complement representation. */
obj_t *obj_int_and(obj_t *a, obj_t *b);
obj_t *obj_int_xor(obj_t *a, obj_t *b);
obj_t *obj_int_or(obj_t *a, obj_t *b);
/* Unary operations: `a` must be an int. positive is also int() and __index__
 * (the same object for an exact int, a plain int for a bool). */
obj_t *obj_int_negative(obj_t *a);
obj_t *obj_int_positive(obj_t *a);
obj_t *obj_int_absolute(obj_t *a);
obj_t *obj_int_invert(obj_t *a);
int obj_int_bool(obj_t *a);
obj_t *obj_int_float(obj_t *a);
/* Comparison of two ints (bool result), NotImplemented otherwise. */
obj_t *obj_int_richcompare(obj_t *a, obj_t *b, int op);
/* CPython's hash: the value modulo 2^OBJ_HASH_BITS - 1, signed, -1 -> -2. */
obj_hash_t obj_int_hash(obj_t *a);
/* str(a) / repr(a). */
obj_t *obj_int_repr(obj_t *a);
/* Bytes the object occupies: its mm block (a static object: its struct). */
size_t obj_int_size_of(obj_t *a);
/* The number slots above and int's methods (bit_length, bit_count,
 * conjugate, is_integer), for bool to share. */
extern const struct obj_number_methods obj_int_number_methods;
extern const struct obj_method obj_int_methods[];

#endif /* INT_H */
