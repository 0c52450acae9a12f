/* dict: an insertion-ordered hash table (CPython 3.6+'s compact layout).
 *
 * A dict points at one "keys" block holding a small header, an index table of
 * 2^n slots (1, 2 or 4 bytes each, by size) and the entries array in insertion
 * order. Lookups probe the index table with CPython's perturbation sequence;
 * iteration walks the entries, so order is insertion order. An empty dict owns
 * no keys block at all. Entries keep no hash (keys cache theirs or hash
 * cheaply), which saves a word per entry on 32-bit targets.
 *
 * Tracking follows CPython 3.12: a dict starts untracked and is tracked by the
 * collector when it first holds a key or value that may be a container.
 */
#ifndef DICT_H
#define DICT_H

#include "objects/object.h"

extern const obj_type_t obj_type_dict, obj_type_dict_keys, obj_type_dict_values,
    obj_type_dict_items, obj_type_dict_iterator;

struct obj_dict_keys;

typedef struct {
    obj_t base;
    size_t used;                /* live entries */
    struct obj_dict_keys *keys; /* NULL while empty and never grown */
} obj_dict_t;

static inline int obj_dict_check(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_DICT_SUBCLASS) != 0;
}

/* A new empty dict (no table allocated yet). New reference. */
obj_t *obj_dict_new(void);

static inline size_t obj_dict_size(obj_t *d)
{
    return ((obj_dict_t *)d)->used;
}

/* d[key] = value. Neither is stolen. 0, or -1 with an error (TypeError for an
 * unhashable key, MemoryError; the dict is unchanged then). */
int obj_dict_setitem(obj_t *d, obj_t *key, obj_t *value);
/* Borrowed reference to d[key], or NULL: with an error set only if hashing or
 * comparing failed (a missing key sets nothing). */
obj_t *obj_dict_getitem(obj_t *d, obj_t *key);
/* del d[key]: 0, or -1 with KeyError (or a hashing error). */
int obj_dict_delitem(obj_t *d, obj_t *key);
/* Remove everything. */
void obj_dict_clear(obj_t *d);
/* Iterate: start with *pos = 0; returns 1 with borrowed key/value (either may
 * be NULL if not wanted) while entries remain, then 0. The dict must not
 * change size meanwhile. */
int obj_dict_next(obj_t *d, size_t *pos, obj_t **key, obj_t **value);
/* d.update(other) for another dict. */
int obj_dict_merge(obj_t *d, obj_t *other);
/* A shallow copy. New reference. */
obj_t *obj_dict_copy(obj_t *d);

/* The collector's untracking rule (CPython 3.12's _PyDict_MaybeUntrack): if d is
 * tracked and no key or value may be a tracked container, untrack d. Returns 1
 * if it untracked d, else 0. O(entries). */
int obj_dict_maybe_untrack(obj_t *d);

size_t obj_dict_freelist_clear(void);

#endif /* DICT_H */
