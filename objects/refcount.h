/* The object header and reference counting.
 *
 * Every object starts with an obj_t: a 32-bit reference count and a type
 * pointer. An object is freed, through its type's dealloc, the moment its count
 * reaches zero. Containers (types with OBJ_TYPE_GC) also carry a two-word GC
 * header *in front of* the obj_t, which links them into the collector's
 * generation lists (see obj_gc_head below).
 *
 * Ownership, as in CPython's C API. Every function in objects/ says which of:
 *   "New reference."       the caller owns the result and must obj_decref it;
 *   "Borrowed reference."  valid while its container/owner keeps it alive;
 *   "Steals a reference to X."  the callee takes over the caller's reference
 *                          to X, even when it fails.
 * A function returning obj_t * returns NULL with an error set on failure; one
 * returning int returns -1 with an error set (0 or a truth value otherwise).
 *
 * Immortal objects (None, True, False, Ellipsis, NotImplemented, the small ints
 * -5..256, the built-in types, static strings) are const and live in flash. Their
 * refcnt has OBJ_IMMORTAL set; obj_incref/obj_decref test that bit and leave
 * them alone, so no store ever reaches read-only memory.
 *
 *   refcnt:  31 30                                   0
 *           +--+--------------------------------------+
 *           |I |  count (heap objects: 1 .. 2^31-1)    |
 *           +--+--------------------------------------+
 *            I = OBJ_IMMORTAL: a static object; the count is never touched.
 */
#ifndef OBJ_REFCOUNT_H
#define OBJ_REFCOUNT_H

#include <stddef.h>
#include <stdint.h>

typedef struct obj obj_t;
typedef struct obj_type obj_type_t;
typedef intptr_t obj_hash_t;  /* Py_hash_t: 32 bits on the target, 64 on the host */
typedef intptr_t obj_ssize_t; /* Py_ssize_t */

struct obj {
    uint32_t refcnt;
    const obj_type_t *type;
};

/* Objects whose size varies with an item count (int digits, tuple items, str). */
typedef struct {
    obj_t base;
    obj_ssize_t size;
} obj_var_t;

#define OBJ_IMMORTAL 0x80000000u
/* Initialiser for the header of a static (immortal) object. */
#define OBJ_HEAD_INIT(type_ptr)                                                                    \
    {                                                                                              \
        OBJ_IMMORTAL, (type_ptr)                                                                   \
    }

void obj_dealloc(obj_t *o);

/* Reference counting is the hottest code there is: always inline, as CPython's
 * macros are (-Os would otherwise keep out-of-line copies of these). */
#define OBJ_INLINE static inline __attribute__((always_inline))

/* Add a reference. Immortal objects are left untouched (one test). */
OBJ_INLINE void obj_incref(obj_t *o)
{
    if (!(o->refcnt & OBJ_IMMORTAL))
        o->refcnt++;
}

/* Drop a reference; the object is deallocated when the count reaches zero. */
OBJ_INLINE void obj_decref(obj_t *o)
{
    uint32_t rc = o->refcnt;
    if (rc & OBJ_IMMORTAL)
        return;
    o->refcnt = --rc;
    if (rc == 0)
        obj_dealloc(o);
}

OBJ_INLINE void obj_xincref(obj_t *o)
{
    if (o)
        obj_incref(o);
}

OBJ_INLINE void obj_xdecref(obj_t *o)
{
    if (o)
        obj_decref(o);
}

/* Replace *slot by NULL, then drop the reference it held (safe against
 * re-entrant deallocation that looks at *slot). */
OBJ_INLINE void obj_clear_ref(obj_t **slot)
{
    obj_t *old = *slot;
    if (old) {
        *slot = NULL;
        obj_decref(old);
    }
}

/* Returns its argument with one more reference: `return obj_newref(obj_none);`. */
static inline obj_t *obj_newref(obj_t *o)
{
    obj_incref(o);
    return o;
}

static inline int obj_is_immortal(const obj_t *o)
{
    return (o->refcnt & OBJ_IMMORTAL) != 0;
}

#endif /* OBJ_REFCOUNT_H */
