/* set and frozenset: hash tables of unique hashable objects.
 *
 * The table is CPython 3.12's (Objects/setobject.c): open addressing over a
 * power-of-two array of (key, hash) entries, 8 slots at least, probing 10
 * neighbouring slots at a time and then jumping with the perturbation
 * recurrence; deleted entries become dummies; the table grows when 60 % of it
 * is used or dummy. The same algorithm with the same constants gives the same
 * iteration order as CPython for the same hashes, and ints hash as in CPython.
 *
 * Layout: unlike CPython, the set does not embed an 8-entry table. The object
 * is 40 bytes on a 32-bit target (GC header included); the table is a separate
 * block allocated on the first insertion (8 entries, 64 bytes) and freed by
 * clear(). See the note at the top of set.c for the numbers.
 */
#ifndef SET_H
#define SET_H

#include "objects/object.h"

extern const obj_type_t obj_type_set, obj_type_frozenset, obj_type_set_iterator;

struct obj_set_entry {
    obj_t *key;      /* NULL: never used; the set's dummy marker: deleted */
    obj_hash_t hash; /* 0 when never used, -1 when deleted */
};

/* States of the table:
 *   table == NULL         empty and never grown (or cleared): acts as 8 empty slots;
 *                         fill == used == 0, mask == 7.
 *   table != NULL         mask + 1 entries; fill = active + dummy entries,
 *                         used = active; fill * 5 < mask * 3 after every insertion.
 * finger is where pop() resumes its scan (kept across clear(), as CPython). */
typedef struct {
    obj_t base;
    size_t fill;
    size_t used;
    size_t mask;
    struct obj_set_entry *table;
    obj_hash_t hash; /* frozenset: cached hash, -1 until computed (sets: always -1) */
    size_t finger;
} obj_set_t;

/* set or frozenset (there are no subclasses yet). */
static inline int obj_anyset_check(const obj_t *o)
{
    return o->type == &obj_type_set || o->type == &obj_type_frozenset;
}

static inline int obj_set_check(const obj_t *o)
{
    return o->type == &obj_type_set;
}

static inline int obj_frozenset_check(const obj_t *o)
{
    return o->type == &obj_type_frozenset;
}

/* set(iterable), or set() when iterable is NULL. New reference. */
obj_t *obj_set_new(obj_t *iterable);
/* frozenset(iterable) / frozenset(). frozenset(f) of a frozenset f returns f.
 * New reference. */
obj_t *obj_frozenset_new(obj_t *iterable);

/* len(s) of a set or frozenset. */
static inline size_t obj_set_size(obj_t *s)
{
    return ((obj_set_t *)s)->used;
}

/* s.add(key). Does not steal key (the set takes its own reference). 0, or -1
 * with an error (TypeError for an unhashable key, MemoryError; the set is
 * unchanged then). Also used to fill a new frozenset before it is shared. */
int obj_set_add(obj_t *s, obj_t *key);
/* s.discard(key): 1 if key was there and is removed, 0 if absent, -1 with an
 * error. */
int obj_set_discard(obj_t *s, obj_t *key);
/* key in s: 1, 0, or -1 with an error. As CPython's `in`, a set key is looked
 * up as the equal frozenset. */
int obj_set_contains(obj_t *s, obj_t *key);
/* Remove everything from a set. */
void obj_set_clear(obj_t *s);
/* s.pop(): an arbitrary element, new reference; KeyError when empty. */
obj_t *obj_set_pop(obj_t *s);
/* s.update(iterable): 0, or -1 with an error. */
int obj_set_update(obj_t *s, obj_t *iterable);

/* Iterate from C (CPython's _PySet_NextEntry): start with *pos = 0; returns 1
 * with a borrowed *key and its *hash (either pointer may be NULL) while
 * entries remain, then 0. The set must not change meanwhile. */
int obj_set_next(obj_t *s, size_t *pos, obj_t **key, obj_hash_t *hash);

/* The in-place operators s |= o, s &= o, s -= o, s ^= o for a set s (the
 * number protocol has no in-place slots yet). New reference to s, the
 * NotImplemented singleton when o is not a set or frozenset, or NULL with an
 * error. */
obj_t *obj_set_inplace_or(obj_t *s, obj_t *other);
obj_t *obj_set_inplace_and(obj_t *s, obj_t *other);
obj_t *obj_set_inplace_sub(obj_t *s, obj_t *other);
obj_t *obj_set_inplace_xor(obj_t *s, obj_t *other);

#endif /* SET_H */
