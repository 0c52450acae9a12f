/* range: an immutable arithmetic sequence start, start + step, ... < stop
 * (> stop for a negative step), as CPython's range.
 *
 * Bounds are machine words (obj_ssize_t): range() of an int that does not fit
 * raises OverflowError "Python int too large to convert to C ssize_t" where
 * CPython would fall back to arbitrary-precision bounds. The length is kept
 * as a size_t, so every range of word bounds is represented (on a 32-bit
 * target range(-2**31, 2**31 - 1) has 2**32 - 1 elements); only len() of
 * a range longer than the largest obj_ssize_t raises OverflowError, as in
 * CPython. Not a GC type: a range refers to no objects.
 */
#ifndef RANGE_H
#define RANGE_H

#include "objects/object.h"

extern const obj_type_t obj_type_range, obj_type_range_iterator;

typedef struct {
    obj_t base;
    obj_ssize_t start, stop, step; /* step != 0 */
    size_t length;                 /* number of elements */
} obj_range_t;

static inline int obj_range_check(const obj_t *o)
{
    return o->type == &obj_type_range;
}

/* range(start, stop, step). New reference, or NULL with ValueError "range()
 * arg 3 must not be zero" or MemoryError. */
obj_t *obj_range_new(obj_ssize_t start, obj_ssize_t stop, obj_ssize_t step);
/* The builtin: range(stop), range(start, stop) or range(start, stop, step)
 * from 1..3 borrowed arguments converted with __index__. New reference, or
 * NULL with TypeError, OverflowError, ValueError or MemoryError. */
obj_t *obj_range_from_args(obj_t *const *args, size_t nargs);

/* Number of elements (never fails, unlike len()). */
static inline size_t obj_range_length(obj_t *r)
{
    return ((obj_range_t *)r)->length;
}

#endif /* RANGE_H */
