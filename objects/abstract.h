/* Generic operations on any object, dispatched through its type's slots
 * (objects/abstract.c). */
#ifndef OBJ_ABSTRACT_H
#define OBJ_ABSTRACT_H

#include <stddef.h>

#include "objects/type.h"

/* New references, NULL with an error. */
obj_t *obj_repr(obj_t *o);
obj_t *obj_str(obj_t *o);
/* -1 with an error (TypeError for unhashable types). */
obj_hash_t obj_hash(obj_t *o);
/* CPython's pointer hash, for types whose equality is identity. */
obj_hash_t obj_hash_identity(obj_t *o);
/* New reference (usually a bool), or NULL with an error. */
obj_t *obj_richcompare(obj_t *a, obj_t *b, int op);
/* 1, 0, or -1 with an error. Identity implies equality for == and !=. */
int obj_richcompare_bool(obj_t *a, obj_t *b, int op);
int obj_is_true(obj_t *o);
obj_ssize_t obj_length(obj_t *o);
obj_t *obj_getitem(obj_t *o, obj_t *key);
int obj_setitem(obj_t *o, obj_t *key, obj_t *value);
int obj_delitem(obj_t *o, obj_t *key);
int obj_contains(obj_t *container, obj_t *item);
obj_t *obj_get_iter(obj_t *o);
/* Next item: new reference; NULL at the end (no error) or on error (error set). */
obj_t *obj_iter_next(obj_t *iter);
/* Check a method's argument count: 0, or -1 with CPython's TypeError wording.
 * `name` is what the message shows, e.g. "list.append" or "get". */
int obj_check_arity(const char *name, size_t nargs, size_t lo, size_t hi);
/* Call a method from the type's method table by name. */
obj_t *obj_call_method(obj_t *self, const char *name, obj_t *const *args, size_t nargs);
/* Bytes the object occupies (GC header and owned blocks included). */
size_t obj_sizeof(obj_t *o);

/* Number protocol dispatch (CPython's binary_op1: left operand's slot, then
 * the right's; TypeError when both return NotImplemented). New references. */
obj_t *obj_number_add(obj_t *a, obj_t *b);
obj_t *obj_number_subtract(obj_t *a, obj_t *b);
obj_t *obj_number_multiply(obj_t *a, obj_t *b);
obj_t *obj_number_remainder(obj_t *a, obj_t *b);
obj_t *obj_number_divmod(obj_t *a, obj_t *b);
obj_t *obj_number_floor_divide(obj_t *a, obj_t *b);
obj_t *obj_number_true_divide(obj_t *a, obj_t *b);
obj_t *obj_number_power(obj_t *a, obj_t *b, obj_t *modulus); /* modulus: obj_none if absent */
obj_t *obj_number_lshift(obj_t *a, obj_t *b);
obj_t *obj_number_rshift(obj_t *a, obj_t *b);
obj_t *obj_number_and(obj_t *a, obj_t *b);
obj_t *obj_number_xor(obj_t *a, obj_t *b);
obj_t *obj_number_or(obj_t *a, obj_t *b);
obj_t *obj_number_negative(obj_t *a);
obj_t *obj_number_positive(obj_t *a);
obj_t *obj_number_absolute(obj_t *a);
obj_t *obj_number_invert(obj_t *a);
/* o.__index__() as a C integer; -1 with an error (OverflowError when it does
 * not fit). Check obj_err_occurred() when -1 is a possible value. */
obj_ssize_t obj_number_as_ssize(obj_t *o);

#endif /* OBJ_ABSTRACT_H */
