/* list: a mutable array of references.
 *
 * Layout: the object holds the item count and a pointer to a separately
 * allocated item array; the capacity is not stored but read back from mm
 * (obj_mem_usable of the array), which keeps an empty list at 24 bytes on
 * 32-bit targets. Growth over-allocates by 1/8 + 6 as CPython does, rounded up
 * by mm's size class, which the next appends then use for free.
 */
#ifndef LIST_H
#define LIST_H

#include "objects/object.h"

extern const obj_type_t obj_type_list, obj_type_list_iterator;

typedef struct {
    obj_var_t base; /* base.size: number of items */
    obj_t **items;  /* NULL when the list has never held anything */
} obj_list_t;

static inline int obj_list_check(const obj_t *o)
{
    return (o->type->flags & OBJ_TYPE_LIST_SUBCLASS) != 0;
}

/* A new list of n items, all NULL, to be filled with
 * obj_list_set_new before anyone else sees it. New reference. */
obj_t *obj_list_new(size_t n);

static inline size_t obj_list_size(obj_t *l)
{
    return (size_t)((obj_list_t *)l)->base.size;
}

/* Borrowed reference to item i (0 <= i < size). */
static inline obj_t *obj_list_get(obj_t *l, size_t i)
{
    return ((obj_list_t *)l)->items[i];
}

/* Fill slot i of a list fresh from obj_list_new. Steals a reference to item. */
static inline void obj_list_set_new(obj_t *l, size_t i, obj_t *item)
{
    ((obj_list_t *)l)->items[i] = item;
}

/* l.append(item): 0, or -1 with MemoryError (the list is unchanged). Does not
 * steal. */
int obj_list_append(obj_t *l, obj_t *item);
/* l.insert(i, item) with Python's index clipping. */
int obj_list_insert(obj_t *l, obj_ssize_t i, obj_t *item);
/* l[i] = item for 0 <= i < size. Steals a reference to item. */
void obj_list_set(obj_t *l, size_t i, obj_t *item);
/* l.extend(iterable). */
int obj_list_extend(obj_t *l, obj_t *iterable);
/* list(iterable). New reference. */
obj_t *obj_list_from_iterable(obj_t *iterable);
/* l.sort() (stable; ascending, or descending when reverse). */
int obj_list_sort(obj_t *l, int reverse);
/* A tuple with the list's items. New reference. */
obj_t *obj_list_as_tuple(obj_t *l);

#endif /* LIST_H */
