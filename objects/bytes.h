/* bytes: an immutable sequence of 8-bit values, allocated in one block as str
 * is (header, cached hash, the bytes and a NUL after them).
 *
 *   32-bit target: | refcnt | type | size | hash | data[size] | NUL |  (16 + size + 1,
 *                                                  rounded up to 8 by mm)
 *
 * The empty bytes is one immortal static object. The hash is the same
 * function of the bytes as str's, so hash(b'abc') == hash('abc') as in
 * CPython for ASCII text.
 */
#ifndef BYTES_H
#define BYTES_H

#include "objects/object.h"

extern const obj_type_t obj_type_bytes, obj_type_bytes_iterator;

typedef struct {
    obj_var_t base;  /* base.size: number of bytes */
    obj_hash_t hash; /* -1 until computed */
    char data[];     /* size bytes, then a NUL */
} obj_bytes_t;

static inline int obj_bytes_check(const obj_t *o)
{
    return o->type == &obj_type_bytes;
}

/* bytes holding a copy of n bytes at data (data may be NULL when n is 0).
 * New reference, or NULL with MemoryError. */
obj_t *obj_bytes_from(const void *data, size_t n);
/* A new bytes of n bytes, uninitialised: the caller fills obj_bytes_buffer()
 * before anyone else sees it. New reference, or NULL with MemoryError. */
obj_t *obj_bytes_new(size_t n);
/* bytes(o): a bytes is returned as is; an int n gives n zero bytes; any other
 * iterable must yield ints in 0..255. New reference, or NULL with CPython's
 * TypeError / ValueError, or MemoryError. */
obj_t *obj_bytes_from_object(obj_t *o);

/* Borrowed pointer to the bytes (NUL-terminated), valid while b lives. */
static inline const char *obj_bytes_data(obj_t *b)
{
    return ((obj_bytes_t *)b)->data;
}

/* Writable bytes of a bytes fresh from obj_bytes_new. */
static inline char *obj_bytes_buffer(obj_t *b)
{
    return ((obj_bytes_t *)b)->data;
}

static inline size_t obj_bytes_size(obj_t *b)
{
    return (size_t)((obj_bytes_t *)b)->base.size;
}

#endif /* BYTES_H */
