/* tuple: an immutable array of references, allocated in one block.
 *
 * Tuples of 1..OBJ_FREELIST_TUPLE_SIZES items are recycled through per-size
 * free lists; the empty tuple is one immortal static object. A tuple is a GC
 * container, tracked from creation (the collector untracks tuples whose items
 * are all untracked, as CPython does).
 */
#ifndef TUPLE_H
#define TUPLE_H

#include "objects/object.h"

extern const obj_type_t obj_type_tuple, obj_type_tuple_iterator;

typedef struct {
    obj_var_t base; /* base.size: number of items */
    obj_t *items[];
} obj_tuple_t;

static inline int obj_tuple_check(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_TUPLE_SUBCLASS) != 0;
}

/* A new tuple of n items, all NULL, to be filled with obj_tuple_set_new before
 * anyone else sees it. New reference. */
obj_t *obj_tuple_new(size_t n);
/* A new tuple of the n arguments (each gets a new reference). New reference. */
obj_t *obj_tuple_pack(size_t n, ...);

static inline size_t obj_tuple_size(obj_t *t)
{
    return (size_t)((obj_tuple_t *)t)->base.size;
}

/* Borrowed reference to item i (0 <= i < size). */
static inline obj_t *obj_tuple_get(obj_t *t, size_t i)
{
    return ((obj_tuple_t *)t)->items[i];
}

/* Fill slot i of a tuple fresh from obj_tuple_new. Steals a reference to item. */
static inline void obj_tuple_set_new(obj_t *t, size_t i, obj_t *item)
{
    ((obj_tuple_t *)t)->items[i] = item;
}

/* t[start:stop] with 0 <= start <= stop <= size. New reference. */
obj_t *obj_tuple_slice(obj_t *t, size_t start, size_t stop);

#endif /* TUPLE_H */
