/* slice: start, stop and step of an extended index, as CPython's slice. */
#ifndef SLICE_H
#define SLICE_H

#include "objects/object.h"

extern const obj_type_t obj_type_slice;

typedef struct {
    obj_t base;
    obj_t *start, *stop, *step; /* never NULL: obj_none when omitted */
} obj_slice_t;

static inline int obj_slice_check(const obj_t *o)
{
    return o->type == &obj_type_slice;
}

/* slice(start, stop, step); NULL arguments mean None. New reference. */
obj_t *obj_slice_new(obj_t *start, obj_t *stop, obj_t *step);

/* Resolve against a sequence of `length` items (PySlice_GetIndicesEx):
 * 0 on success with the clipped start/stop/step and the item count; -1 with
 * an error (ValueError for a zero step, TypeError for non-integers). */
int obj_slice_indices(obj_t *slice, obj_ssize_t length, obj_ssize_t *start, obj_ssize_t *stop,
                      obj_ssize_t *step, obj_ssize_t *count);

#endif /* SLICE_H */
