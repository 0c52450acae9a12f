/* float: an IEEE 754 double in an object, with CPython 3.12's semantics.
 *
 * repr (== str) is the shortest decimal string that reads back as the same
 * double, laid out as CPython's repr (`1e+16`, `0.1`, `1.0`, `-0.0`, `inf`).
 * Parsing is correctly rounded for any number of digits. Arithmetic, mixed
 * float/int comparison and hashing follow CPython exactly; the one deliberate
 * difference is that a negative number raised to a fractional power raises
 * ValueError (there is no complex type).
 *
 * Dead floats of the exact type are kept on a free list (layer 3, at most
 * OBJ_FREELIST_FLOAT of them) and reused by the next float created.
 */
#ifndef FLOAT_H
#define FLOAT_H

#include "objects/object.h"

extern const obj_type_t obj_type_float;

typedef struct {
    obj_t base;
    double value;
} obj_float_t;

/* float or a subclass of it. */
static inline int obj_float_check(const obj_t *o)
{
    return o->type == &obj_type_float || obj_type_is_subtype(o->type, &obj_type_float);
}

/* The value of a float (obj_float_check must hold). */
static inline double obj_float_value(const obj_t *o)
{
    return ((const obj_float_t *)o)->value;
}

/* New reference, or NULL with MemoryError. */
obj_t *obj_float_from_double(double value);

/* float(text): text is UTF-8 (n bytes, NULs included) as held by a str.
 * Surrounding whitespace, a sign, underscores between digits, Unicode decimal
 * digits, "inf"/"infinity"/"nan" in any case. New reference, or NULL with
 * ValueError ("could not convert string to float: <repr of text>") or
 * MemoryError. */
obj_t *obj_float_from_string(const char *text, size_t n);

/* Parse the same grammar as obj_float_from_string without allocating and
 * without setting an error: *ok is 1 and the correctly rounded value is
 * returned, or *ok is 0 for a malformed text. For the compiler's literals. */
double obj_float_parse(const char *text, size_t n, int *ok);

/* repr(value) as a C string into buf (OBJ_FLOAT_REPR_SIZE bytes, enough for
 * every double); returns its length. Never fails, never allocates. */
#define OBJ_FLOAT_REPR_SIZE 32
size_t obj_float_format_repr(double value, char *buf);

#endif /* FLOAT_H */
